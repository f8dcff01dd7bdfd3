import { addDays, type LocalDate } from '../../core/dates.ts';
import type { Queryable } from '../../db/index.ts';
import type { FileRead, RowError } from './parse-reads-file.ts';
import { loadImportRegisters, type ImportRegister } from './register-state.ts';
import {
  dialRangeMilli,
  extendHistory,
  validateRead,
  type HoldReason,
  type ReadContext,
} from './validate-read.ts';

/**
 * The validated reads of one file as columns (one array per meter_read column), ready for
 * one set-based insert; register order, then date order within a register.
 */
export type ReadColumns = {
  readonly registerId: number[];
  readonly premiseId: number[];
  readonly multiplier: string[];
  readonly readDate: LocalDate[];
  readonly valueMilli: number[];
  readonly deltaMilli: (number | null)[];
  readonly days: (number | null)[];
  readonly status: ('accepted' | 'held')[];
  readonly holdReason: (HoldReason | null)[];
  readonly source: ('import' | 'estimate')[];
};

export type ReadPlan = {
  readonly columns: ReadColumns;
  readonly errors: RowError[];
  readonly heldByReason: Partial<Record<HoldReason, number>>;
};

const emptyColumns = (): ReadColumns => ({
  registerId: [],
  premiseId: [],
  multiplier: [],
  readDate: [],
  valueMilli: [],
  deltaMilli: [],
  days: [],
  status: [],
  holdReason: [],
  source: [],
});

/**
 * Resolves every read to its register (one set-based load for the whole file), then
 * validates each register's reads in date order in memory; each accepted read becomes the
 * previous read and extends the history for the next one (held reads do not).
 */
export async function planReads(q: Queryable, reads: readonly FileRead[]): Promise<ReadPlan> {
  const plan: ReadPlan = { columns: emptyColumns(), errors: [], heldByReason: {} };
  if (reads.length === 0) return plan;
  let earliest = reads[0]!.readDate;
  const meters = new Set<string>();
  for (const r of reads) {
    meters.add(r.meterNumber);
    if (r.readDate < earliest) earliest = r.readDate;
  }
  const registers = await loadImportRegisters(q, [...meters], earliest);
  const order = groupByRegister(reads, registers, plan.errors);
  let start = 0;
  for (let k = 0; k < registers.length; k++) {
    const end = order.ends[k]!;
    if (end > start)
      validateChain(registers[k]!, inDateOrder(reads, order.index, start, end), plan);
    start = end;
  }
  return plan;
}

/**
 * Read indexes grouped by register with a counting sort (no per-register arrays or maps):
 * register k's reads are `index[ends[k-1] .. ends[k])`, in file order.
 */
function groupByRegister(
  reads: readonly FileRead[],
  registers: readonly ImportRegister[],
  errors: RowError[],
): { index: Int32Array; ends: Int32Array } {
  const byMeter = new Map<string, ImportRegister[]>();
  for (const r of registers) {
    const list = byMeter.get(r.meterNumber);
    if (list) list.push(r);
    else byMeter.set(r.meterNumber, [r]);
  }
  const regOf = new Int32Array(reads.length).fill(-1);
  const ends = new Int32Array(registers.length);
  for (let i = 0; i < reads.length; i++) {
    const read = reads[i]!;
    const reg = resolve(read, byMeter.get(read.meterNumber), errors);
    if (!reg) continue;
    regOf[i] = reg.index;
    ends[reg.index]!++;
  }
  for (let k = 1; k < ends.length; k++) ends[k]! += ends[k - 1]!;
  const index = new Int32Array(ends.length ? ends[ends.length - 1]! : 0);
  const next = new Int32Array(ends.length);
  for (let k = 1; k < ends.length; k++) next[k] = ends[k - 1]!;
  for (let i = 0; i < reads.length; i++) {
    const k = regOf[i]!;
    if (k >= 0) index[next[k]!++] = i;
  }
  return { index, ends };
}

/** One register's reads by date (stable: same-date reads keep file order). */
function inDateOrder(
  reads: readonly FileRead[],
  index: Int32Array,
  start: number,
  end: number,
): FileRead[] {
  const list: FileRead[] = new Array<FileRead>(end - start);
  let sorted = true;
  for (let i = start; i < end; i++) {
    list[i - start] = reads[index[i]!]!;
    if (i > start && list[i - start]!.readDate < list[i - start - 1]!.readDate) sorted = false;
  }
  return sorted ? list : list.sort(byDate);
}

function byDate(a: FileRead, b: FileRead): number {
  return a.readDate < b.readDate ? -1 : a.readDate > b.readDate ? 1 : 0;
}

/** The read's register, or undefined after recording a row error. No closures: per read. */
function resolve(
  read: FileRead,
  regs: readonly ImportRegister[] | undefined,
  errors: RowError[],
): ImportRegister | undefined {
  const m = read.meterNumber;
  const line = read.line;
  if (!regs)
    return void errors.push({ line, code: 'unknown_meter', detail: `no meter numbered ${m}` });
  if (read.register === null && regs.length > 1) {
    const detail = `meter ${m} has ${regs.length} registers; name one`;
    return void errors.push({ line, code: 'register_required', detail });
  }
  let reg = read.register === null ? regs[0] : undefined;
  for (let i = 0; reg === undefined && i < regs.length; i++) {
    if (regs[i]!.kind === read.register) reg = regs[i];
  }
  if (!reg) {
    const detail = `meter ${m} has no ${read.register} register`;
    return void errors.push({ line, code: 'unknown_register', detail });
  }
  if (
    read.readDate < reg.installedOn ||
    (reg.removedOn !== null && read.readDate > reg.removedOn)
  ) {
    const detail = `meter ${m} was not installed on ${read.readDate}`;
    return void errors.push({ line, code: 'meter_not_installed', detail });
  }
  return reg;
}

function validateChain(reg: ImportRegister, list: readonly FileRead[], plan: ReadPlan): void {
  let c: ReadContext = reg.context;
  let lastDate: LocalDate | undefined;
  for (const read of list) {
    if (read.readDate === lastDate) {
      const detail = `a second read for ${read.meterNumber} on ${read.readDate}`;
      plan.errors.push({ line: read.line, code: 'duplicate_read', detail });
      continue;
    }
    lastDate = read.readDate;
    const { ctx, valueMilli } = withUsage(c, read);
    const v = validateRead(ctx, read.readDate, valueMilli);
    if (v.kind === 'error') {
      const detail = `${read.meterNumber} ${read.readDate}`;
      plan.errors.push({ line: read.line, code: v.code, detail });
      continue;
    }
    const k = plan.columns;
    k.registerId.push(reg.registerId);
    k.premiseId.push(reg.premiseId);
    k.multiplier.push(reg.multiplier);
    k.readDate.push(read.readDate);
    k.valueMilli.push(valueMilli);
    k.deltaMilli.push(v.deltaMilli);
    k.days.push(v.days);
    k.status.push(v.status);
    k.holdReason.push(v.holdReason);
    k.source.push(read.source ?? 'import');
    if (v.holdReason) plan.heldByReason[v.holdReason] = (plan.heldByReason[v.holdReason] ?? 0) + 1;
    if (v.status === 'accepted') {
      c = {
        ...ctx,
        previous: { readDate: read.readDate, valueMilli },
        history:
          v.deltaMilli === null ? c.history : extendHistory(c.history, v.deltaMilli, v.days ?? 0),
      };
    }
  }
}

/**
 * A consumption read (NEM12) becomes a dial value: the previous accepted value plus the
 * usage, wrapping at the dials. With no previous read the register starts at 0 the day
 * before, so the first day's consumption still counts.
 */
function withUsage(c: ReadContext, read: FileRead): { ctx: ReadContext; valueMilli: number } {
  if (read.usageMilli === undefined) return { ctx: c, valueMilli: read.valueMilli };
  const previous = c.previous ?? { readDate: addDays(read.readDate, -1), valueMilli: 0 };
  const valueMilli = (previous.valueMilli + read.usageMilli) % dialRangeMilli(c.dials);
  return { ctx: { ...c, previous }, valueMilli };
}
