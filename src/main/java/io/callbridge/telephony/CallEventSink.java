package io.callbridge.telephony;

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

	/** What became of a delivered event. */
	enum Ingestion {

		/** The event was new and has been applied. */
		APPLIED,
		/** The same event had been received before; nothing changed. */
		DUPLICATE

	}

}
