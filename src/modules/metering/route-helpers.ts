import type { AppContext, RouteRequest } from '../../shells/http/route-spec.ts';
import { parseReading } from './validate-read.ts';

/** The service context of a request: its actor and the app's clock. */
export const svc = (req: RouteRequest<unknown, unknown, unknown>, ctx: AppContext) => ({
  actor: req.actor,
  now: ctx.now(),
});

/** A reading's thousandths; the schemas only let well-formed readings through. */
export const milli = (text: string): number => parseReading(text) ?? 0;
