import { DomainException } from '@app/shared';

export const AttendanceErrorCode = {
  SEAT_NOT_FOUND: 'SEAT_NOT_FOUND',
  ALREADY_CHECKED_IN: 'ALREADY_CHECKED_IN',
  NOT_CHECKED_IN: 'NOT_CHECKED_IN',
  ATTENDANCE_TIME_INVALID: 'ATTENDANCE_TIME_INVALID',
  INDEMNITY_RULES_MISSING: 'INDEMNITY_RULES_MISSING',
  PERIOD_INVALID: 'PERIOD_INVALID',
  NOT_A_SEATED_MEMBER: 'NOT_A_SEATED_MEMBER',
  ATTENDANCE_ON_PLENARY: 'ATTENDANCE_ON_PLENARY',
} as const;

/** Refusals of attendance and indemnities, each with what to do next. */
export class AttendanceException extends DomainException {
  static seatNotFound(): AttendanceException {
    return new AttendanceException('not-found', AttendanceErrorCode.SEAT_NOT_FOUND, "No member or alternate of this session's assembly has this id or attendance code: check the code, or find the person in the list");
  }
  static alreadyPresent(since: Date): AttendanceException {
    return new AttendanceException('conflict', AttendanceErrorCode.ALREADY_CHECKED_IN, `This member is already checked in (since ${since.toISOString()}); check them out first to record a new arrival`, { since: since.toISOString() });
  }
  static notPresent(): AttendanceException {
    return new AttendanceException('conflict', AttendanceErrorCode.NOT_CHECKED_IN, 'This member is not checked in in the room: check them in first');
  }
  static timeInvalid(why: string): AttendanceException {
    return new AttendanceException('invalid', AttendanceErrorCode.ATTENDANCE_TIME_INVALID, why);
  }
  static rulesMissing(): AttendanceException {
    return new AttendanceException('conflict', AttendanceErrorCode.INDEMNITY_RULES_MISSING, "The assembly's indemnity rules are not set yet: set the amount per half-day and the minimum presence first (PUT /api/assemblies/{id}/indemnity-rules)");
  }
  static periodInvalid(): AttendanceException {
    return new AttendanceException('invalid', AttendanceErrorCode.PERIOD_INVALID, 'The period runs from one month (YYYY-MM) to a later one, 24 months at most');
  }
  static onPlenary(): AttendanceException {
    return new AttendanceException('conflict', AttendanceErrorCode.ATTENDANCE_ON_PLENARY, 'A workshop group is part of its plenary: record attendance on the plenary session');
  }
  static notSeated(): AttendanceException {
    return new AttendanceException('forbidden', AttendanceErrorCode.NOT_A_SEATED_MEMBER, 'Only members and alternates of this assembly have an attendance record here');
  }
}
