package io.callbridge.telephony;

import java.util.List;

/**
 * Inbound port: where every provider adapter delivers its normalized call events.
 * Implemented by the core's call module; applying an event is idempotent and tolerant of
 * out-of-order delivery.
 */
public interface CallEventSink {

	/**
	 * Records the event and updates the call it belongs to.
	 * @param event the normalized event
	 * @return whether the event was new or a repeat of one already recorded
	 */
	Ingestion accept(ProviderCallEvent event);

	/**
	 * Takes an event a provider delivered and waits to hear about (a webhook): returns
	 * once the event is stored durably, so the provider can be answered; the event is
	 * applied to its call then, normally before this returns. An event stored is applied
	 * even if this node stops right after (by any node, after a restart at the latest).
	 * @param event the normalized event
	 * @return how the event was applied, or {@link Ingestion#QUEUED} when it is stored
	 * and not applied yet; an event another node applied reads as
	 * {@link Ingestion#APPLIED} (this node does not learn whether it was a repeat)
	 */
	default Ingestion receive(ProviderCallEvent event) {
		return accept(event);
	}

	/**
	 * Records several events of one call as one change of it, e.g. the start, answer and
	 * end a provider's call record tells at once: those who follow the call hear the
	 * outcome once, not one step at a time.
	 * @param events events of the same call (same account and provider call id)
	 * @return what became of each event, in order
	 */
	default List<Ingestion> acceptCall(List<ProviderCallEvent> events) {
		return events.stream().map(this::accept).toList();
	}

	/** What became of a delivered event. */
	enum Ingestion {

		/** The event was new and has been applied. */
		APPLIED,
		/** The same event had been received before; nothing changed. */
		DUPLICATE,
		/** The event is stored and will be applied shortly. */
		QUEUED,
		/** The event's account was deleted before it could be applied; it was dropped. */
		DISCARDED

	}

}
