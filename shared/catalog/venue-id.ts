import { z } from 'zod';

/**
 * A venue's id: lower-case letters, digits and hyphens, at most 40 characters. It is part of
 * every server key and every URL under `/api/venues/:venueId`, so it is checked in one place;
 * a route whose path has a venue id validates it with this schema.
 */
export const VENUE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

export const venueIdSchema = z.string().regex(VENUE_ID_PATTERN, 'not a venue id');
