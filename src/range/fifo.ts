// A queue with O(1) shift: the read loop moves a hundred thousand requests through one.

export class Fifo<T> {
  private items: (T | undefined)[] = []
  private head = 0

  get length(): number {
    return this.items.length - this.head
  }

  push(item: T): void {
    this.items.push(item)
  }

  shift(): T | undefined {
    if (this.head === this.items.length) return undefined
    const item = this.items[this.head]
    this.items[this.head++] = undefined
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head)
      this.head = 0
    }
    return item
  }

  /** Every item, oldest first; the queue is left empty. */
  drain(): T[] {
    const items = this.items.slice(this.head) as T[]
    this.items = []
    this.head = 0
    return items
  }
}
