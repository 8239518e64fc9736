// The window's modes, their titles, their keys, and which a person sees (what their role may do:
// the library refuses the rest anyway).

export type Mode = 'till' | 'counter' | 'returns' | 'audit' | 'catalog' | 'month' | 'devices';

export const MODES: Record<Mode, { title: string; key: string; needs: string[] }> = {
  till: { title: 'till-title', key: 'F6', needs: ['sell'] },
  counter: { title: 'counter-title', key: 'F7', needs: ['invoice'] },
  returns: { title: 'returns-title', key: 'F8', needs: ['retail-return', 'wholesale-return'] },
  audit: { title: 'audit-title', key: 'F9', needs: ['view-audit'] },
  catalog: { title: 'catalog-title', key: 'F10', needs: ['sell', 'invoice', 'edit-catalog', 'goods-receipt', 'stock-count'] },
  month: { title: 'month-title', key: 'F11', needs: ['view-reports'] },
  // The till's printer and scanner (F12 signs out): the owner's.
  devices: { title: 'devices-title', key: 'F5', needs: ['configure-devices'] },
};

/** The modes a person with these permitted actions sees; the till always. */
export function visibleModes(actions: string[]): Mode[] {
  return (Object.keys(MODES) as Mode[]).filter(
    (m) => m === 'till' || MODES[m].needs.some((a) => actions.includes(a)),
  );
}

/** The mode a function key opens (F6 till, F7 counter, F8 returns, F9 audit trail, F10 catalog, F11 month,
 *  F5 devices). */
export function modeForKey(key: string): Mode | null {
  return (Object.keys(MODES) as Mode[]).find((m) => MODES[m].key === key) ?? null;
}
