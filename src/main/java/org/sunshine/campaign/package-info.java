/**
 * Campaigns: organizations, their followers (double opt-in, consent per organization), calls to attend, speak
 * at or comment on an official meeting, RSVPs, and corrections when the meeting moves, sent through the
 * notification module's outbox.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Campaigns")
package org.sunshine.campaign;
