/** A binary min-heap of numbers (times of future transitions). Duplicates allowed. */
export class MinHeap {
  private readonly a: number[] = [];

  get size(): number {
    return this.a.length;
  }

  /** The smallest value, or Infinity when empty. */
  peek(): number {
    return this.a.length > 0 ? (this.a[0] as number) : Number.POSITIVE_INFINITY;
  }

  push(v: number): void {
    const a = this.a;
    a.push(v);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((a[p] as number) <= v) break;
      a[i] = a[p] as number;
      i = p;
    }
    a[i] = v;
  }

  pop(): number {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (top === undefined || last === undefined) return Number.POSITIVE_INFINITY;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const r = l + 1;
        const c = r < a.length && (a[r] as number) < (a[l] as number) ? r : l;
        if ((a[c] as number) >= last) break;
        a[i] = a[c] as number;
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}
