/** The bureau template as data and rules: layout, header matching, cell parsing, row checks, diff, export rows. Pure. */
export * from './layout';
export * from './cells';
export * from './headers';
export * from './problems';
export * from './rows';
export * from './diff';
export * from './export';
export * from './results';
