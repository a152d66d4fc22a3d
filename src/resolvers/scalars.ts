import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';

/** ISO-8601 instant. */
export const DateTimeScalar = DateTimeResolver;
/** Calendar date, YYYY-MM-DD. */
export const LocalDateScalar = LocalDateResolver;
