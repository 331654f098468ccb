package org.sunshine.matching;

import java.util.List;
import java.util.Set;

/**
 * One distinct query of the index, however many interests hold it ("stormwater" for 10,000 people is one), with
 * who holds it. The holders are an immutable list replaced whole when they change, so a match hands it out as it
 * is (a snapshot) instead of copying it per hit.
 */
final class StoredQuery {

	private final String key;

	private final Condition condition;

	private Set<Condition.Anchor> anchors = Set.of();

	private List<InterestIndex.Holder> holders = List.of();

	/** The last look ({@link AnchorIndex#matches}) that compared it with a text, so it is compared once per look. */
	private long comparedIn = -1;

	StoredQuery(String key, Condition condition) {
		this.key = key;
		this.condition = condition;
	}

	/** The query's Lucene form as text: equal for equal queries, whatever text they were written as. */
	String key() {
		return key;
	}

	Condition condition() {
		return condition;
	}

	/** The anchors it is filed under while it is held. */
	Set<Condition.Anchor> anchors() {
		return anchors;
	}

	void fileUnder(Set<Condition.Anchor> anchors) {
		this.anchors = Set.copyOf(anchors);
	}

	/** Whether this look has compared it already; marks it compared. Only under the index's lock. */
	boolean comparedBefore(long look) {
		boolean before = comparedIn == look;
		comparedIn = look;
		return before;
	}

	List<InterestIndex.Holder> holders() {
		return holders;
	}

	void hold(List<InterestIndex.Holder> holders) {
		this.holders = List.copyOf(holders);
	}

}
