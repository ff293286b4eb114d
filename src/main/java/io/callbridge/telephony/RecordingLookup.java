package io.callbridge.telephony;

import java.net.URI;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The provider's answer when asked for a recording: a value, because "not ready yet" is
 * an ordinary answer shortly after a call ends.
 */
public sealed interface RecordingLookup {

	/**
	 * The recording can be played from {@code link} until {@code expiresAt}.
	 *
	 * @param link where to fetch the audio
	 * @param expiresAt when the link stops working, if the provider says
	 */
	record Found(URI link, @Nullable Instant expiresAt) implements RecordingLookup {
	}

	/**
	 * The provider does not have the recording yet; asking again later may succeed.
	 *
	 * @param reason the provider's own message
	 */
	record NotReady(String reason) implements RecordingLookup {
	}

	/**
	 * The provider says the recording does not exist and never will.
	 *
	 * @param reason the provider's own message
	 */
	record Missing(String reason) implements RecordingLookup {
	}

}
