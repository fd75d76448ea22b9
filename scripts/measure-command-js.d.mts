export declare const COMMAND_JS_BUDGET_BYTES: number;
export declare function kitDir(buildDir?: string): string;
export declare function measureRouteJs(
  route?: string,
  dir?: string
): { route: string; files: { file: string; rawBytes: number; gzipBytes: number }[]; rawBytes: number; gzipBytes: number; budgetBytes: number };
