import type { Queryable } from '../../db/index.ts';
import { metersWithoutService } from '../customers/index.ts';
import type { RowError } from './parse-reads-file.ts';
import { dayText, meterOf, registerCodes, type ReadRows } from './read-import-rows.ts';
import { loadImportRegisters, type ImportRegister } from './register-state.ts';
import {
  dialRangeMilli,
  holdCodes,
  judgedExceedsDials,
  judgeRead,
  withOffWindow,
  type HoldReason,
  type Judgement,
  type RegisterHistory,
} from './validate-read.ts';

/**
 * The validated reads of one file as columns (typed arrays, `n` used), ready for one
 * set-based write; register order, then date order within a register.
 */
export type ReadColumns = {
  readonly n: number;
  /** The loaded registers; `register[i]` indexes this list. */
  readonly registers: readonly ImportRegister[];
  readonly register: Int32Array;
  /** Days since 1970-01-01 (dayText). */
  readonly day: Int32Array;
  readonly valueMilli: Float64Array;
  /** NaN = null (a baseline or negative-usage read). */
  readonly deltaMilli: Float64Array;
  /** -1 = null. */
  readonly days: Int32Array;
  /** holdCodes index: 0 accepted, else held with that reason. */
  readonly hold: Int8Array;
  /** 1 = source `estimate`, else `import`. */
  readonly estimate: Uint8Array;
};

export type ReadPlan = {
  readonly columns: ReadColumns;
  readonly errors: RowError[];
  readonly heldByReason: Partial<Record<HoldReason, number>>;
  readonly held: number;
  readonly estimated: number;
};

/**
 * Resolves every read to its register (one set-based load for the whole file), then
 * validates each register's reads in date order in memory; each accepted read becomes the
 * previous read and extends the history for the next one (held reads do not). Numbers
 * only on the per-read path: no object per read.
 */
export async function planReads(q: Queryable, rows: ReadRows): Promise<ReadPlan> {
  const n = rows.n;
  if (n === 0) return planOf(planner(rows, []));
  let earliest = rows.day[0]!;
  for (let i = 1; i < n; i++) if (rows.day[i]! < earliest) earliest = rows.day[i]!;
  const registers = await loadImportRegisters(q, rows.meters, dayText(earliest));
  const p = planner(rows, registers);
  run(p);
  // Zero use is expected on a vacant premise's meter: such reads are accepted, not held.
  const vacant = await vacantZeroUse(q, p);
  if (vacant.size === 0) return planOf(p);
  const again = planner(
    rows,
    registers.map((r, k) => (vacant.has(k) ? { ...r, meterInstalled: false } : r)),
  );
  run(again);
  return planOf(again);
}

/**
 * The registers (indexes) with a read held for zero use whose meter serves no active
 * agreement (customers `metersWithoutService`): one query, only when such holds exist.
 */
async function vacantZeroUse(q: Queryable, p: Planner): Promise<Set<number>> {
  const zero = new Set<number>();
  for (let o = 0; o < p.count; o++)
    if (holdCodes[p.out.hold[o]!] === 'zero_usage') zero.add(p.out.register[o]!);
  if (zero.size === 0) return zero;
  const meters = [...new Set([...zero].map((k) => p.registers[k]!.meterNumber))];
  const vacant = await metersWithoutService(q, meters);
  return new Set([...zero].filter((k) => vacant.has(p.registers[k]!.meterNumber)));
}

type Planner = {
  readonly rows: ReadRows;
  readonly registers: readonly ImportRegister[];
  readonly out: ReadColumns;
  readonly errors: RowError[];
  readonly heldByReason: Partial<Record<HoldReason, number>>;
  held: number;
  estimated: number;
  count: number;
  readonly j: Judgement;
  /** Mutable history handed to judgeRead (it only reads the three numbers). */
  readonly h: { deltaMilli: number; days: number; periods: number };
};

function planner(rows: ReadRows, registers: readonly ImportRegister[]): Planner {
  const n = rows.n;
  return {
    rows,
    registers,
    out: {
      n: 0,
      registers,
      register: new Int32Array(n),
      day: new Int32Array(n),
      valueMilli: new Float64Array(n),
      deltaMilli: new Float64Array(n),
      days: new Int32Array(n),
      hold: new Int8Array(n),
      estimate: new Uint8Array(n),
    },
    errors: [],
    heldByReason: {},
    held: 0,
    estimated: 0,
    count: 0,
    j: { deltaMilli: 0, days: 0, rollover: false },
    h: { deltaMilli: 0, days: 0, periods: 0 },
  };
}

function planOf(p: Planner): ReadPlan {
  return {
    columns: { ...p.out, n: p.count },
    errors: p.errors,
    heldByReason: p.heldByReason,
    held: p.held,
    estimated: p.estimated,
  };
}

function run(p: Planner): void {
  const { index, ends } = groupByRegister(p);
  let start = 0;
  for (let k = 0; k < p.registers.length; k++) {
    const end = ends[k]!;
    if (end > start) validateChain(p, k, index, start, end);
    start = end;
  }
}

/**
 * Read indexes grouped by register with a counting sort: register k's reads are
 * `index[ends[k-1] .. ends[k])`, in file order.
 */
function groupByRegister(p: Planner): { index: Int32Array; ends: Int32Array } {
  const rows = p.rows;
  const regs = p.registers;
  // Registers of a meter as a linked list in load order: first[meter], then next[k]
  // (meter: the index in rows.meters; -1 = none).
  const first = new Int32Array(rows.meters.length).fill(-1);
  const next = new Int32Array(regs.length).fill(-1);
  for (let k = regs.length - 1; k >= 0; k--) {
    const m = regs[k]!.meter;
    next[k] = first[m]!;
    first[m] = k;
  }
  const regOf = new Int32Array(rows.n);
  const ends = new Int32Array(regs.length);
  for (let i = 0; i < rows.n; i++) {
    const k = resolve(p, i, first[rows.meter[i]!]!, next);
    regOf[i] = k;
    if (k >= 0) ends[k]!++;
  }
  for (let k = 1; k < ends.length; k++) ends[k]! += ends[k - 1]!;
  const index = new Int32Array(ends.length ? ends[ends.length - 1]! : 0);
  const fill = new Int32Array(ends.length);
  for (let k = 1; k < ends.length; k++) fill[k] = ends[k - 1]!;
  for (let i = 0; i < rows.n; i++) {
    const k = regOf[i]!;
    if (k >= 0) index[fill[k]!++] = i;
  }
  return { index, ends };
}

/** Read i's register index, or -1 after recording a row error. */
function resolve(p: Planner, i: number, firstReg: number, next: Int32Array): number {
  const rows = p.rows;
  const m = meterOf(rows, i);
  const line = rows.line[i]!;
  if (firstReg < 0) {
    p.errors.push({ line, code: 'unknown_meter', detail: `no meter numbered ${m}` });
    return -1;
  }
  const kind = rows.register[i]!;
  let k = -1;
  if (kind === 0) {
    if (next[firstReg]! >= 0) {
      let count = 0;
      for (let r = firstReg; r >= 0; r = next[r]!) count++;
      const detail = `meter ${m} has ${count} registers; name one`;
      p.errors.push({ line, code: 'register_required', detail });
      return -1;
    }
    k = firstReg;
  } else {
    const name = registerCodes[kind];
    for (let r = firstReg; r >= 0 && k < 0; r = next[r]!) {
      if (p.registers[r]!.kind === name) k = r;
    }
    if (k < 0) {
      const detail = `meter ${m} has no ${name} register`;
      p.errors.push({ line, code: 'unknown_register', detail });
      return -1;
    }
  }
  const reg = p.registers[k]!;
  const day = rows.day[i]!;
  if (day < reg.installedDay || day > reg.removedDay) {
    const detail = `meter ${m} was not installed on ${dayText(day)}`;
    p.errors.push({ line, code: 'meter_not_installed', detail });
    return -1;
  }
  return k;
}

/** Sorts one register's read indexes by date in place (stable: file order breaks ties). */
function inDateOrder(days: Int32Array, list: Int32Array): Int32Array {
  for (let x = 1; x < list.length; x++) {
    if (days[list[x]!]! < days[list[x - 1]!]!) {
      return list.sort((a, b) => days[a]! - days[b]! || a - b);
    }
  }
  return list;
}

/** One register's reads by date (stable: same-date reads keep file order), validated. */
function validateChain(p: Planner, k: number, index: Int32Array, start: number, end: number): void {
  const rows = p.rows;
  const days = rows.day;
  const list = inDateOrder(days, index.subarray(start, end));
  const reg = p.registers[k]!;
  const range = dialRangeMilli(reg.dials);
  let prevDay = reg.prevDay;
  let prevValue = reg.prevValueMilli;
  const h = p.h;
  h.deltaMilli = reg.historyDeltaMilli;
  h.days = reg.historyDays;
  h.periods = reg.historyPeriods;
  const j = p.j;
  const out = p.out;
  let lastDay = Number.NaN;
  for (let x = 0; x < list.length; x++) {
    const i = list[x]!;
    const day = days[i]!;
    if (day === lastDay) {
      const detail = `a second read for ${meterOf(rows, i)} on ${dayText(day)}`;
      p.errors.push({ line: rows.line[i]!, code: 'duplicate_read', detail });
      continue;
    }
    lastDay = day;
    let value = rows.valueMilli[i]!;
    let pDay = prevDay;
    let pValue = prevValue;
    const usage = rows.usageMilli[i]!;
    if (!Number.isNaN(usage)) {
      // A consumption read (NEM12) becomes a dial value: the previous accepted value plus
      // the usage, wrapping at the dials. With no previous read the register starts at 0
      // the day before, so the first day's consumption still counts.
      if (Number.isNaN(pDay)) {
        pDay = day - 1;
        pValue = 0;
      }
      value = (pValue + usage) % range;
    }
    const code = judgeInWindow(reg, pDay, pValue, h, day, value, j);
    if (code < 0) {
      const why = code === judgedExceedsDials ? 'reading_exceeds_dials' : 'read_out_of_order';
      const detail = `${meterOf(rows, i)} ${dayText(day)}`;
      p.errors.push({ line: rows.line[i]!, code: why, detail });
      continue;
    }
    const o = p.count++;
    out.register[o] = k;
    out.day[o] = day;
    out.valueMilli[o] = value;
    out.deltaMilli[o] = j.deltaMilli;
    out.days[o] = j.days;
    out.hold[o] = code;
    out.estimate[o] = rows.estimate[i]!;
    if (rows.estimate[i]) p.estimated++;
    if (code > 0) {
      const reason = holdCodes[code]!;
      p.heldByReason[reason] = (p.heldByReason[reason] ?? 0) + 1;
      p.held++;
    } else {
      prevDay = day;
      prevValue = value;
      if (!Number.isNaN(j.deltaMilli)) {
        h.deltaMilli += j.deltaMilli;
        h.days += j.days < 0 ? 0 : j.days;
        h.periods++;
      }
    }
  }
}

/** `judgeRead` for an import register, with its meter's off window (seasonal hold). */
function judgeInWindow(
  reg: ImportRegister,
  pDay: number,
  pValue: number,
  h: RegisterHistory,
  day: number,
  value: number,
  j: Judgement,
): number {
  const code = judgeRead(reg.dials, reg.meterInstalled, pDay, pValue, h, day, value, j);
  return withOffWindow(code, pDay, day, reg.offFromDay, reg.offThroughDay);
}
