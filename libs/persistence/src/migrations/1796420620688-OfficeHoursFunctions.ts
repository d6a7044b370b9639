import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * China time and office hours in SQL, defined once, as libs/domain/src/calendar reads them: instants at a
 * fixed +08:00 (china-time.ts), office time between two instants from the working calendar's day table
 * (WorkingCalendar.workingHoursBetween; the day table is libs/domain's workingDayTable, passed as
 * arrays because the calendar lives in libs/domain, not in a table). The statistics time rows without
 * stored handling hours with office_hours_between; office-hours-functions.e2e-spec.ts holds it equal to
 * WorkingCalendar on random calendars and intervals.
 *
 * Plain SQL expressions (`RETURN …`), so that PostgreSQL inlines them into the query: a call costs what
 * the same expression written out does (a PL/pgSQL function would be called once per row, ten times
 * slower over 300,000 steps). STABLE, not IMMUTABLE, only because date_part on a timestamptz is; the
 * results do not depend on the TimeZone setting.
 */
export class OfficeHoursFunctions1796420620688 implements MigrationInterface {
  name = 'OfficeHoursFunctions1796420620688';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION china_epoch_day(at timestamptz) RETURNS integer
        LANGUAGE sql STABLE PARALLEL SAFE
        RETURN floor((date_part('epoch', at) + 28800) / 86400)::integer`);
    await queryRunner.query(
      `COMMENT ON FUNCTION china_epoch_day(timestamptz) IS 'The day an instant falls on in China Standard Time (UTC+8), as days since 1970-01-01 (libs/domain chinaDayOf)'`,
    );
    await queryRunner.query(`
      CREATE FUNCTION china_date(at timestamptz) RETURNS date
        LANGUAGE sql STABLE PARALLEL SAFE
        RETURN date '1970-01-01' + china_epoch_day(at)`);
    await queryRunner.query(
      `COMMENT ON FUNCTION china_date(timestamptz) IS 'The date an instant falls on in China Standard Time (UTC+8) (libs/domain chinaDateOf)'`,
    );
    await queryRunner.query(`
      CREATE FUNCTION china_seconds_of_day(at timestamptz) RETURNS double precision
        LANGUAGE sql STABLE PARALLEL SAFE
        RETURN (date_part('epoch', at) + 28800) - floor((date_part('epoch', at) + 28800) / 86400) * 86400`);
    await queryRunner.query(`COMMENT ON FUNCTION china_seconds_of_day(timestamptz) IS 'Seconds since midnight China Standard Time (UTC+8) of an instant'`);
    // Session bounds as four scalars, not an array: each array subscript costs per row (≈20 % over 300,000 rows).
    await queryRunner.query(`
      CREATE FUNCTION office_seconds_until(at timestamptz, first_day integer, day_working boolean[], morning_open integer, morning_close integer, afternoon_open integer, afternoon_close integer)
        RETURNS double precision
        LANGUAGE sql STABLE PARALLEL SAFE
        RETURN CASE WHEN day_working[china_epoch_day(at) - first_day + 1] THEN
            LEAST(GREATEST(china_seconds_of_day(at) - morning_open, 0), morning_close - morning_open)
          + LEAST(GREATEST(china_seconds_of_day(at) - afternoon_open, 0), afternoon_close - afternoon_open)
          ELSE 0 END`);
    await queryRunner.query(
      `COMMENT ON FUNCTION office_seconds_until(timestamptz, integer, boolean[], integer, integer, integer, integer) IS 'Office seconds on the China day of an instant before it (0 on a day off); sessions in seconds after midnight'`,
    );
    // less_hours (the 补正 pauses of a case or step) is taken off inside, at least 0 left: GREATEST skips a
    // NULL, so taking it off outside would count an unmeasured span as 0 hours.
    await queryRunner.query(`
      CREATE FUNCTION office_hours_between(
          start_at timestamptz, end_at timestamptz, less_hours double precision,
          first_day integer, working_days_before integer[], day_working boolean[], day_segment integer[],
          morning_open integer, morning_close integer, afternoon_open integer, afternoon_close integer)
        RETURNS double precision
        LANGUAGE sql STABLE PARALLEL SAFE
        RETURN CASE
          WHEN end_at <= start_at THEN
            CASE WHEN day_working[china_epoch_day(start_at) - first_day + 1] IS NOT NULL AND day_working[china_epoch_day(end_at) - first_day + 1] IS NOT NULL THEN GREATEST(0, -less_hours) END
          WHEN day_segment[china_epoch_day(start_at) - first_day + 1] = day_segment[china_epoch_day(end_at) - first_day + 1] THEN
            GREATEST(0, ((working_days_before[china_epoch_day(end_at) - first_day + 1] - working_days_before[china_epoch_day(start_at) - first_day + 1])
                * (morning_close - morning_open + afternoon_close - afternoon_open)
              + office_seconds_until(end_at, first_day, day_working, morning_open, morning_close, afternoon_open, afternoon_close)
              - office_seconds_until(start_at, first_day, day_working, morning_open, morning_close, afternoon_open, afternoon_close)) / 3600::double precision - less_hours)
        END`);
    await queryRunner.query(
      `COMMENT ON FUNCTION office_hours_between(timestamptz, timestamptz, double precision, integer, integer[], boolean[], integer[], integer, integer, integer, integer) IS ` +
        `'Working hours of office time between two instants less less_hours, at least 0 (WorkingCalendar.workingHoursBetween for 0; libs/domain handlingHours for the pauses), ` +
        `from the day table of libs/domain workingDayTable: the epoch day of its first day, and per day the working days before it, whether it is one, its segment; ` +
        `then the office sessions in seconds after midnight. NULL where a day is outside the table or the span crosses a missing year'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'DROP FUNCTION office_hours_between(timestamptz, timestamptz, double precision, integer, integer[], boolean[], integer[], integer, integer, integer, integer)',
    );
    await queryRunner.query('DROP FUNCTION office_seconds_until(timestamptz, integer, boolean[], integer, integer, integer, integer)');
    await queryRunner.query('DROP FUNCTION china_seconds_of_day(timestamptz)');
    await queryRunner.query('DROP FUNCTION china_date(timestamptz)');
    await queryRunner.query('DROP FUNCTION china_epoch_day(timestamptz)');
  }
}
