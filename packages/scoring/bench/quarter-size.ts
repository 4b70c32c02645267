// The size of one national quarter and the default seed (kept free of imports: the orchestrator reads them).

export const quarterSize = { websites: 15_000, newMedia: 140_000, units: 3_000 } as const;

export const defaultSeed = 20_190_401;
