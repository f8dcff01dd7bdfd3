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
  const groups = groupByRegister(reads, registers, plan.errors);
  for (const [reg, list] of groups) {
    list.sort((a, b) => (a.readDate < b.readDate ? -1 : a.readDate > b.readDate ? 1 : 0));
    validateChain(reg, list, plan);
  }
  return plan;
}

function groupByRegister(
  reads: readonly FileRead[],
  registers: readonly ImportRegister[],
  errors: RowError[],
): Map<ImportRegister, FileRead[]> {
  const byMeter = new Map<string, ImportRegister[]>();
  for (const r of registers) {
    const list = byMeter.get(r.meterNumber);
    if (list) list.push(r);
    else byMeter.set(r.meterNumber, [r]);
  }
  const groups = new Map<ImportRegister, FileRead[]>();
  for (const read of reads) {
    const reg = resolve(read, byMeter.get(read.meterNumber), errors);
    if (!reg) continue;
    const list = groups.get(reg);
    if (list) list.push(read);
    else groups.set(reg, [read]);
  }
  return groups;
}

function resolve(
  read: FileRead,
  regs: readonly ImportRegister[] | undefined,
  errors: RowError[],
): ImportRegister | undefined {
  const e = (code: string, detail: string): undefined =>
    void errors.push({ line: read.line, code, detail });
  const m = read.meterNumber;
  if (!regs) return e('unknown_meter', `no meter numbered ${m}`);
  if (read.register === null && regs.length > 1) {
    return e('register_required', `meter ${m} has ${regs.length} registers; name one`);
  }
  const reg = read.register === null ? regs[0] : regs.find((r) => r.kind === read.register);
  if (!reg) return e('unknown_register', `meter ${m} has no ${read.register} register`);
  if (
    read.readDate < reg.installedOn ||
    (reg.removedOn !== null && read.readDate > reg.removedOn)
  ) {
    return e('meter_not_installed', `meter ${m} was not installed on ${read.readDate}`);
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
