import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseDate(value: unknown): Date {
  if (typeof value !== 'string' || !ISO_8601.test(value)) {
    throw new GraphQLError('DateTime must be an ISO-8601 string with a time zone, e.g. 2026-05-01T18:00:00Z.', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || !isCalendarDay(value)) {
    throw new GraphQLError(`"${value.slice(0, 40)}" is not a real date.`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return date;
}

/**
 * JavaScript rolls `2027-02-30` over to March 2 instead of refusing it; a client that sent a day the
 * month does not have made a mistake, and silently moving their event is worse than saying so.
 */
function isCalendarDay(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

/** `DateTime`: ISO-8601 in, ISO-8601 UTC out. Every subgraph declares the scalar and uses this. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'A point in time, ISO-8601 in UTC.',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(value as string);
    if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime cannot represent an invalid date.');
    return date.toISOString();
  },
  parseValue: parseDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('DateTime must be a string.', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return parseDate(ast.value);
  },
});
