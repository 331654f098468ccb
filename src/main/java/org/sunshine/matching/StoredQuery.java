package org.sunshine.matching;

import java.util.List;
import java.util.Set;

/**
 * One distinct query of the index, however many interests hold it ("stormwater" for 10,000 people is one), with
 * who holds it. A match hands the query itself out as its hit; the holders are an immutable list replaced whole
 * when they change, so whoever walks them reads one consistent list.
 */
final class StoredQuery implements InterestIndex.QueryHit {

	private final String key;

	private final Condition condition;

	private Set<Condition.Anchor> anchors = Set.of();

	/** Read by whoever walks a hit's holders after the match, outside the index's lock. */
	private volatile List<InterestIndex.Holder> holders = List.of();

	/** Its number in the {@link AnchorIndex} while filed there; -1 when not. */
	private int ordinal = -1;

	/** The last look ({@link AnchorIndex#matches}) that compared it with a text, so it is compared once per look. */
	private long comparedIn = -1;

	StoredQuery(String key, Condition condition) {
		this.key = key;
		this.condition = condition;
	}

	/** The query's Lucene form as text: equal for equal queries, whatever text they were written as. */
	@Override
	public String key() {
		return key;
	}

	Condition condition() {
		return condition;
	}

	/** The anchors it is filed under while it is held. */
	Set<Condition.Anchor> anchors() {
		return anchors;
	}

	int ordinal() {
		return ordinal;
	}

	void fileUnder(Set<Condition.Anchor> anchors, int ordinal) {
		this.anchors = Set.copyOf(anchors);
		this.ordinal = ordinal;
	}

	/** Whether this look has compared it already; marks it compared. Only under the index's lock. */
	boolean comparedBefore(long look) {
		boolean before = comparedIn == look;
		comparedIn = look;
		return before;
	}

	@Override
	public List<InterestIndex.Holder> holders() {
		return holders;
	}

	void hold(List<InterestIndex.Holder> holders) {
		this.holders = List.copyOf(holders);
	}

}
