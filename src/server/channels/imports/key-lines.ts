// The line each key of an import file was first seen on, for rejecting duplicate keys. A file's every key is kept
// until the end, so keys that are plain positive integers below 2^31 (311's Unique Key) go into an open-addressing
// table of two Int32Arrays — 8 to 16 bytes a key, outside the JavaScript heap — and only other keys into a Map.

const EMPTY = 0;
const MAX_INT32 = 2_147_483_647;
const INTEGER = /^[1-9]\d{0,9}$/;

/** Remembers keys with the line they were first seen on. */
export class KeyLines {
  private keys = new Int32Array(1 << 12);
  private lines = new Int32Array(1 << 12);
  private count = 0;
  private readonly others = new Map<string, number>();

  /** The line `key` was first seen on, or undefined (then it is remembered as seen on `line`). */
  firstLine(key: string, line: number): number | undefined {
    const number = INTEGER.test(key) ? Number(key) : NaN;
    if (!(number <= MAX_INT32)) {
      const earlier = this.others.get(key);
      if (earlier === undefined) this.others.set(key, line);
      return earlier;
    }
    const slot = this.slotOf(number);
    if (this.keys[slot] === number) return this.lines[slot];
    this.keys[slot] = number;
    this.lines[slot] = line;
    if (++this.count * 2 > this.keys.length) this.grow();
    return undefined;
  }

  // Linear probing from a multiplicative hash: the slot holding `key`, or the empty slot where it would go.
  private slotOf(key: number): number {
    const mask = this.keys.length - 1;
    let slot = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
    while (this.keys[slot] !== EMPTY && this.keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const { keys, lines } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.lines = new Int32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === EMPTY) continue;
      const slot = this.slotOf(keys[i]!);
      this.keys[slot] = keys[i]!;
      this.lines[slot] = lines[i]!;
    }
  }
}
