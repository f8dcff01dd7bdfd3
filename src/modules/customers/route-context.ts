import { localDateOf, type LocalDate } from '../../core/dates.ts';
import type { AppContext } from '../../shells/http/route-spec.ts';
import type { Actor } from '../audit/index.ts';
import type { ServiceContext } from './types.ts';

/** The service context of an HTTP request: its actor and the shell's clock. */
export function serviceContext(req: { readonly actor: Actor }, app: AppContext): ServiceContext {
  return { actor: req.actor, now: app.now() };
}

/** Today in the utility's time zone (the default for a date the agent did not give). */
export function today(app: AppContext): LocalDate {
  return localDateOf(app.now(), app.timeZone);
}
