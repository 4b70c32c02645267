import { units } from '../db/schema';
import type { Database } from '../db/open';
import type { RowProblem } from './table-file';

// A registry names units as text (主办单位, 主管单位); a name that is an assessed unit's name links the target to that
// unit, which is what the annual assessment's fed rates count. A name that is no unit's stays as text: most owners
// (县政府办公室, 某局信息中心) are not assessed units, and a registry must import whole. The same rule for the owner
// and the supervising unit; names compare after NFKC with spaces removed (全角/半角, a stray space in a cell).

export function unitNameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '');
}

export interface UnitDirectory {
  /** the unit a registry name stands for, or null */
  resolve(name: string | null | undefined): number | null;
  /** an assessed unit whose name the text starts with (兰州市人民政府 → 兰州市), as a hint for an unknown name */
  suggest(name: string): string | null;
  nameOf(unitId: number): string | null;
}

export async function unitDirectory(db: Database): Promise<UnitDirectory> {
  const rows = await db.select({ id: units.id, name: units.name }).from(units);
  const byKey = new Map<string, number>();
  for (const row of rows) if (!byKey.has(unitNameKey(row.name))) byKey.set(unitNameKey(row.name), row.id);
  const names = new Map(rows.map((row) => [row.id, row.name]));
  // longest first: 兰州新区管委会 should suggest 兰州新区 rather than 兰州 if both were units
  const byLength = [...rows].sort((a, b) => b.name.length - a.name.length);
  return {
    resolve: (name) => (name ? (byKey.get(unitNameKey(name)) ?? null) : null),
    suggest: (name) => {
      const key = unitNameKey(name);
      return (
        byLength.find((row) => row.name.length >= 2 && key.startsWith(unitNameKey(row.name)))?.name ?? null
      );
    },
    nameOf: (unitId) => names.get(unitId) ?? null,
  };
}

/** rows listed in one notice before "…" */
const listedRows = 10;
/** distinct unknown names reported (the count says how many there were) */
const listedNames = 200;

/**
 * One notice per 主管单位 that names no assessed unit: the rows it is on, and a likely unit. Not a problem (the rows
 * import, the name kept as text) but said, because such a row counts in no unit's 所辖 pass rate.
 */
export function unknownSupervisorNotices(
  entries: readonly { row: number; name: string | null | undefined }[],
  directory: UnitDirectory,
  column: string,
): RowProblem[] {
  const rowsByName = new Map<string, number[]>();
  for (const { row, name } of entries) {
    if (!name || directory.resolve(name) !== null) continue;
    const rows = rowsByName.get(name) ?? [];
    rows.push(row);
    rowsByName.set(name, rows);
  }
  const notices: RowProblem[] = [];
  for (const [name, rows] of [...rowsByName].slice(0, listedNames)) {
    const shown = rows.slice(0, listedRows);
    const more = rows.length > listedRows ? `等 ${rows.length} 行` : '';
    const moreEn = rows.length > listedRows ? ` and ${rows.length - listedRows} more` : '';
    const suggestion = directory.suggest(name);
    notices.push({
      row: rows[0]!,
      column,
      message:
        `主管单位“${name}”不是考核单位，只记为文字（第 ${shown.join('、')} 行${more}），不计入任何单位的所辖合格率` +
        (suggestion ? `；如指“${suggestion}”，请写作“${suggestion}”。` : '。'),
      messageEn:
        `The supervising unit “${name}” is not an assessed unit and is kept as text only (rows ${shown.join(', ')}${moreEn}); ` +
        `these rows count in no unit’s pass rate` +
        (suggestion ? `. If it means “${suggestion}”, write “${suggestion}”.` : '.'),
    });
  }
  if (rowsByName.size > listedNames)
    notices.push({
      row: 0,
      column,
      message: `另有 ${rowsByName.size - listedNames} 个主管单位名称不是考核单位。`,
      messageEn: `${rowsByName.size - listedNames} more supervising unit names are not assessed units.`,
    });
  return notices;
}
