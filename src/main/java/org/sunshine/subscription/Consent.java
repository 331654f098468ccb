package org.sunshine.subscription;

/** Where a contact point stands: only CONFIRMED ones receive anything but a confirmation request. */
public enum Consent {
	PENDING, CONFIRMED, OPTED_OUT
}
