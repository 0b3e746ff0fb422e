/** An error of one metric's computation; its message is upstream's error text (shown in events and conditions). */
export class ComputeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ComputeError";
  }
}
