package io.callbridge.telephony;

import java.time.Duration;
import java.time.Instant;

/**
 * The turns of a provider that penalises requests sent too close together, shared by
 * every node: one request of a scope at a time, the next no earlier than a spacing after
 * the previous one was answered, and a free turn to the request that has waited longest.
 * <p>
 * A request {@link #take takes} the scope when it is free, which holds it for the
 * request's longest possible duration plus the spacing (so a node that dies mid-request
 * blocks the scope only that long), and {@link #release releases} it when the answer (or
 * the failure) came, freeing it a spacing later. Spacing from the answer rather than from
 * the departure is what guarantees the provider sees the requests far enough apart
 * whatever the network and the provider's own delays, and it slows callers down when the
 * provider is slow. A refused request is queued as a {@link Waiter}, so that a frequent
 * requester cannot keep taking the turn from one that waits.
 * <p>
 * Order of a free turn: an {@link Waiter#urgent() urgent} waiter (a live-call poll, which
 * people are waiting for) goes before the normal ones, however long they waited — except
 * that after {@link #URGENT_RUN} urgent turns in a row the normal waiter that waited
 * longest gets the next one, so normal requests keep at least one turn in
 * {@code URGENT_RUN + 1} while urgent ones are always waiting, and every turn urgent
 * requests leave. Within each kind, the one that waited longest goes first.
 */
public interface RequestSlots {

	/**
	 * The most urgent turns in a row while a normal request waits: three, so while a
	 * backfill or look-ups wait, live polls (CallMyWay: a turn every ~4.2 s) keep three
	 * turns of four — polls 4.2 s apart, then once 8.4 s apart — and the others share the
	 * fourth.
	 */
	int URGENT_RUN = 3;

	/**
	 * Takes the scope if it is free at {@code now} and no live waiter has waited longer;
	 * otherwise queues {@code waiter} (once) and refuses.
	 * @param scope what the provider limits, e.g. {@code callmyway:8373443}
	 * @param waiter who asks, with when it started waiting
	 * @param now the caller's current time
	 * @param hold how long the scope stays taken unless released sooner
	 * @return granted at {@code now} (the hold ends at {@code now + hold}), or refused
	 * with the time the scope is free as far as known now ({@code now} when it is free
	 * but someone waited longer)
	 */
	Turn take(String scope, Waiter waiter, Instant now, Duration hold);

	/**
	 * Ends a taken turn: the scope is free again from {@code freeFrom}. Does nothing when
	 * the hold has already expired and someone else took the scope.
	 * @param scope the scope taken
	 * @param holdEnd the end of the hold the taker got ({@code now + hold} of its turn)
	 * @param freeFrom when the next request may leave
	 */
	void release(String scope, Instant holdEnd, Instant freeFrom);

	/**
	 * Takes a waiter that gives up out of the scope's queue.
	 * @param scope the scope waited for
	 * @param waiter the waiter's id
	 */
	void leave(String scope, String waiter);

	/**
	 * A request waiting for a scope's turn.
	 *
	 * @param id unique among the scope's waiters
	 * @param since when it started waiting: the earliest of its kind is served first
	 * @param expiresAt when it stops counting if it neither got the turn nor left (its
	 * node died)
	 * @param urgent whether it goes before normal waiters (see the order above)
	 */
	record Waiter(String id, Instant since, Instant expiresAt, boolean urgent) {

		/** A normal waiter. */
		public Waiter(String id, Instant since, Instant expiresAt) {
			this(id, since, expiresAt, false);
		}

		/**
		 * Whether this waiter is served before {@code other} when both wait for a free
		 * turn after {@code urgentRun} urgent turns in a row.
		 */
		public boolean goesBefore(Waiter other, int urgentRun) {
			if (this.urgent != other.urgent) {
				boolean urgentFirst = urgentRun < URGENT_RUN;
				return this.urgent == urgentFirst;
			}
			int bySince = this.since.compareTo(other.since);
			return (bySince != 0) ? bySince < 0 : this.id.compareTo(other.id) < 0;
		}

	}

	/**
	 * The outcome of an attempt to take a scope.
	 *
	 * @param at when granted, the time the scope was taken; when refused, the time it is
	 * free as far as known now
	 * @param granted whether the scope is the caller's
	 */
	record Turn(Instant at, boolean granted) {
	}

}
