/** Type declarations for asciichart 1.5 (the package ships none): only what the reporters use. */
declare module "asciichart" {
  namespace asciichart {
    /** Options of {@link plot}. */
    interface PlotConfig {
      /** Lower bound of the y range (the data's minimum is used when lower). */
      min?: number;
      /** Upper bound of the y range (the data's maximum is used when higher). */
      max?: number;
      /** Columns reserved left of the plot for the label and the axis (default 3). */
      offset?: number;
      /** Padding string used by the default label format. */
      padding?: string;
      /** Rows of the plot minus one (default: the data's range). */
      height?: number;
      /** ANSI color sequence per series. */
      colors?: (string | undefined)[];
      symbols?: string[];
      /** Formats the y label of a row (x = the row's value, i = row index from the bottom). */
      format?: (x: number, i: number) => string;
    }
    /** Plots one series or several (same scale) as lines joined by `\n`; values must be finite. */
    function plot(series: readonly number[] | readonly (readonly number[])[], cfg?: PlotConfig): string;
    /** Wraps text in a color sequence and a reset (unchanged when color is undefined). */
    function colored(text: string, color?: string): string;
    const black: string;
    const red: string;
    const green: string;
    const yellow: string;
    const blue: string;
    const magenta: string;
    const cyan: string;
    const lightgray: string;
    const darkgray: string;
    const lightred: string;
    const lightgreen: string;
    const lightyellow: string;
    const lightblue: string;
    const lightmagenta: string;
    const lightcyan: string;
    const white: string;
    const reset: string;
  }
  export = asciichart;
}
