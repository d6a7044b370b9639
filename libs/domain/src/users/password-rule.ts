/**
 * A password (staff and applicants alike): 8–64 characters with a letter and a digit. Written so that
 * it means the same in every regular-expression dialect that reads it — JavaScript's (class-validator)
 * and the OpenAPI document's readers, whose `.` and `\d` differ: `[\s\S]` crosses line breaks in both,
 * and `[0-9]` is an ASCII digit in both.
 */
export const PASSWORD_PATTERN = /^(?=[\s\S]*[A-Za-z])(?=[\s\S]*[0-9])/;
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 64;
