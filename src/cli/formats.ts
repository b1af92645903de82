/** The output formats each command offers (here, so `--help` needs no command module loaded). */
export const RUN_FORMATS = ['table', 'md', 'json', 'csv'] as const;
export const COMPARE_FORMATS = ['table', 'md', 'json', 'csv'] as const;
export const SENSITIVITY_FORMATS = ['table', 'md', 'csv'] as const;
export const CALIBRATE_FORMATS = ['table', 'md'] as const;
export const FORECAST_FORMATS = ['table', 'md', 'csv'] as const;
export const TARGET_FORMATS = ['table', 'md', 'json'] as const;
