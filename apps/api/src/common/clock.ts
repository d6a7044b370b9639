import { Injectable } from '@nestjs/common';

/**
 * The API's reading of the current time where a test must move it rather than wait for it (how long
 * ActiveAccounts keeps an answer). Milliseconds since the epoch, as Date.now().
 */
@Injectable()
export class Clock {
  now(): number {
    return Date.now();
  }
}
