/** A change as descriptions write it: `+10`, `−10` (a true minus sign), `+0`. */
export function signed(n: number): string {
  return n < 0 ? `−${-n}` : `+${n}`;
}
