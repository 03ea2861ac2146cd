/**
 * The importer's duplicate check: the first line of each participant id seen so far. Open
 * addressing over typed arrays, far denser than a Map of a million strings (two 8-byte numbers per
 * distinct id).
 */

const EMPTY = -1;

export class FirstLineIndex {
  private ids = new Float64Array(1024).fill(EMPTY);
  private lines = new Float64Array(1024);
  private size = 0;

  /** The line already recorded for `participantId` (13 digits), or records `line` and returns undefined. */
  firstLine(participantId: string, line: number): number | undefined {
    // 13 digits stay below 2^53, and all ids have 13 digits, so the number identifies the id.
    const id = Number(participantId);
    const slot = this.find(id);
    if (this.ids[slot] === id) return this.lines[slot];
    this.ids[slot] = id;
    this.lines[slot] = line;
    if (++this.size * 2 > this.ids.length) this.grow();
    return undefined;
  }

  private find(id: number): number {
    const mask = this.ids.length - 1;
    const high = Math.floor(id / 2 ** 32) >>> 0;
    let h = Math.imul((id >>> 0) ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    let slot = h & mask;
    while (this.ids[slot] !== EMPTY && this.ids[slot] !== id) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const { ids, lines } = this;
    this.ids = new Float64Array(ids.length * 2).fill(EMPTY);
    this.lines = new Float64Array(ids.length * 2);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      if (id === EMPTY) continue;
      const slot = this.find(id);
      this.ids[slot] = id;
      this.lines[slot] = lines[i] as number;
    }
  }
}
