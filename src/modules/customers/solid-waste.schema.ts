import { z } from 'zod';
import { solidWasteLimits } from './solid-waste-service.ts';

const count = (max: number) => z.number().int().min(1).max(max);

/** The bins of a commercial solid-waste agreement (PUT …/solid-waste, start of service). */
export const solidWasteBody = z
  .object({
    containerYards: count(solidWasteLimits.containerYardsMax),
    containers: count(solidWasteLimits.containersMax).default(1),
    pickupsPerWeek: count(solidWasteLimits.pickupsPerWeekMax),
    recycling: z.boolean().default(false),
  })
  .strict();
