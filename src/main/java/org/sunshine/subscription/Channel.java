package org.sunshine.subscription;

/** The ways Sunshine reaches a person. */
public enum Channel {
	EMAIL, SMS
}
