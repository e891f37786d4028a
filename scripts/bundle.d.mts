/** Entry points of the bundle, relative to the tsc output directory. */
export declare const BUNDLE_ENTRIES: Record<string, string>
/** Bundle `dist` (tsc's output) into `dist/bundle/`; returns the CLI entry's path. */
export declare function bundle(dist: string): Promise<string>
/** The chunk loader (and its code cache), relative to the tsc output directory. */
export declare const LOADER_ENTRY: string
