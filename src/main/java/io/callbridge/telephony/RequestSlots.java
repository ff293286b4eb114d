package io.callbridge.telephony;

import java.time.Duration;
import java.time.Instant;

/**
 * The turns of a provider that penalises requests sent too close together, shared by
 * every node: one request of a scope at a time, the next no earlier than a spacing after
 * the previous one was answered, and a free turn to the request that has waited longest.
 * Every time compared or stored here is the turns' own time (the database's clock for the
 * shared turns), never the caller's: callers only say how long to hold and to keep.
 * <p>
 * A request {@link #take takes} the scope when it is free, which holds it for the
 * request's longest possible duration plus the spacing (so a node that dies mid-request
 * blocks the scope only that long), and {@link #release releases} it when the answer (or
 * the failure) came, keeping it a spacing longer. Spacing from the answer rather than
 * from the departure is what guarantees the provider sees the requests far enough apart
 * whatever the network and the provider's own delays, and it slows callers down when the
 * provider is slow. A refused request is queued as a waiter, so that a frequent requester
 * cannot keep taking the turn from one that waits.
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
	 * Takes the scope if it is free now and no live waiter goes first; otherwise queues
	 * {@code waiter} (once, from now until its patience runs out) and refuses.
	 * @param scope what the provider limits, e.g. {@code callmyway:8373443}
	 * @param waiter who asks
	 * @param hold how long the scope stays taken unless released sooner
	 * @return the turn, or a refusal saying how long until the scope is free as far as
	 * known now (zero when it is free but someone goes first)
	 */
	Turn take(String scope, Waiter waiter, Duration hold);

	/**
	 * Ends a taken turn, keeping the scope taken for {@code keepFor} from now: the next
	 * request leaves no earlier. Does nothing when the hold has already expired and
	 * someone else took the scope.
	 */
	void release(Turn.Granted turn, Duration keepFor);

	/**
	 * Takes a waiter that gives up out of the scope's queue.
	 * @param scope the scope waited for
	 * @param waiter the waiter's id
	 */
	void leave(String scope, String waiter);

	/**
	 * A request asking for a scope's turn, the same for each of its attempts.
	 *
	 * @param id unique among the scope's waiters
	 * @param urgent whether it goes before normal waiters (see the order above)
	 * @param patience how long after it was first queued it stops counting if it neither
	 * got the turn nor left (its node died)
	 */
	record Waiter(String id, boolean urgent, Duration patience) {

		/** A normal waiter. */
		public Waiter(String id, Duration patience) {
			this(id, false, patience);
		}

	}

	/**
	 * A waiter in a scope's queue, on the turns' time.
	 *
	 * @param id the waiter's id
	 * @param since when it was first queued: the earliest of its kind is served first
	 * @param expiresAt when it stops counting
	 * @param urgent whether it is urgent
	 */
	record Queued(String id, Instant since, Instant expiresAt, boolean urgent) {

		/**
		 * Whether this waiter is served before {@code other} when both wait for a free
		 * turn after {@code urgentRun} urgent turns in a row.
		 */
		public boolean goesBefore(Queued other, int urgentRun) {
			if (this.urgent != other.urgent) {
				boolean urgentFirst = urgentRun < URGENT_RUN;
				return this.urgent == urgentFirst;
			}
			int bySince = this.since.compareTo(other.since);
			return (bySince != 0) ? bySince < 0 : this.id.compareTo(other.id) < 0;
		}

	}

	/** The outcome of an attempt to take a scope: the turn, or a refusal. */
	sealed interface Turn {

		/**
		 * The scope is the caller's until released or until its hold ends.
		 *
		 * @param scope the scope taken
		 * @param token this turn's own id: only its holder can release it
		 * @param at when it was taken, on the turns' time
		 */
		record Granted(String scope, String token, Instant at) implements Turn {
		}

		/**
		 * The scope is someone else's.
		 *
		 * @param freeIn how long until it is free as far as known now; zero when it is
		 * free but another waiter goes first
		 */
		record Refused(Duration freeIn) implements Turn {
		}

	}

}
