/** The chart options `simulate` and `compare` share (--width, --height, --no-charts, --color) and their reading. */
import type { Command } from "commander";
import { intFlag } from "./input-options.js";

/** What the chart options hold (commander's camel-cased keys). */
export interface ChartCliOptions {
  width?: string;
  height?: string;
  charts: boolean;
  color?: boolean;
}

/** Adds the chart options to a command. */
export function addChartOptions(command: Command, noCharts: string): Command {
  return command
    .option("--width <columns>", "chart width (default: the terminal's, or 100)")
    .option("--height <rows>", "chart height", "10")
    .option("--no-charts", noCharts)
    .option("--color", "colored chart series");
}

/** The charts to draw (null: --no-charts): width from --width, else the terminal's, else 100. */
export function chartOptions(
  o: ChartCliOptions,
): { readonly width: number; readonly height: number; readonly color: boolean } | null {
  const width =
    intFlag("--width", o.width) ?? (process.stdout.isTTY ? process.stdout.columns : undefined) ?? 100;
  const height = intFlag("--height", o.height) ?? 10;
  return o.charts ? { width, height, color: o.color === true } : null;
}
