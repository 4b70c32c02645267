import { Decimal as GlobalDecimal } from 'decimal.js';

// our own configured constructor: never the global one a host application may have changed
export const Decimal = GlobalDecimal.clone({ precision: 40, rounding: GlobalDecimal.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;
