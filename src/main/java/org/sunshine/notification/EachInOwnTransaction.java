package org.sunshine.notification;

import java.util.List;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.springframework.transaction.support.TransactionTemplate;

/** Works through due items one transaction each, so one that fails is logged and the others still go. */
final class EachInOwnTransaction {

	private EachInOwnTransaction() {
	}

	/** Returns how many items {@code work} reported as done. */
	static int run(List<Long> ids, TransactionTemplate transactions, Predicate<Long> work, Logger log, String what) {
		int done = 0;
		for (long id : ids) {
			try {
				done += Boolean.TRUE.equals(transactions.execute(status -> work.test(id))) ? 1 : 0;
			}
			catch (RuntimeException e) {
				log.warn("{} {} not sent: {}", what, id, e.getMessage());
			}
		}
		return done;
	}

}
