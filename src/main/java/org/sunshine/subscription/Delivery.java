package org.sunshine.subscription;

/** How often non-critical alerts go out. */
public enum Delivery {
	IMMEDIATE, DAILY, WEEKLY
}
