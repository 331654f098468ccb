package org.sunshine.subscription;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A row of an import file that passed the sign-up rules, with the consent it carries. */
record ImportRow(SubscriptionValidator.Valid valid, Instant consentAt, String consentSource) {

	/** Its email address and phone number, whichever it has. */
	List<String> addresses() {
		List<String> addresses = new ArrayList<>(2);
		if (valid.email() != null) {
			addresses.add(valid.email());
		}
		if (valid.phone() != null) {
			addresses.add(valid.phone());
		}
		return addresses;
	}

}
