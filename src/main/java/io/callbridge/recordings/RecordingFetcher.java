package io.callbridge.recordings;

import java.util.Optional;

import io.callbridge.shared.Problems;
import io.callbridge.telephony.RecordingLookup;
import io.callbridge.telephony.RecordingSource;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.telephony.TelephonyProviders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Asks the account's provider for a recording's link and records the answer: available,
 * retried later (not ready yet, provider unreachable), missing, or given up after the
 * last attempt.
 */
@Service
class RecordingFetcher {

	private static final Logger log = LoggerFactory.getLogger(RecordingFetcher.class);

	private final CallRecordings recordings;

	private final TelephonyAccounts accounts;

	private final TelephonyProviders providers;

	private final RecordingProperties properties;

	RecordingFetcher(CallRecordings recordings, TelephonyAccounts accounts, TelephonyProviders providers,
			RecordingProperties properties) {
		this.recordings = recordings;
		this.accounts = accounts;
		this.providers = providers;
		this.properties = properties;
	}

	/** Makes one attempt and returns the recording as it now stands. */
	CallRecording fetch(CallRecording recording) {
		Optional<TelephonyAccount> account = this.accounts.find(recording.accountId());
		Optional<RecordingSource> source = account.flatMap((a) -> this.providers.find(a.provider()))
			.filter(RecordingSource.class::isInstance)
			.map(RecordingSource.class::cast);
		if (account.isEmpty() || source.isEmpty()) {
			this.recordings.finish(recording.callId(), recording.recordingRef(), RecordingStatus.UNSUPPORTED,
					"The account's provider does not keep recordings Callbridge can fetch.");
		}
		else {
			attempt(recording, account.get(), source.get());
		}
		return this.recordings.find(recording.tenantId(), recording.callId()).orElseThrow();
	}

	private void attempt(CallRecording recording, TelephonyAccount account, RecordingSource source) {
		try {
			RecordingLookup lookup = source.findRecording(account, this.accounts.credentials(account),
					recording.recordingRef());
			switch (lookup) {
				case RecordingLookup.Found found -> this.recordings.available(recording.callId(),
						recording.recordingRef(), found.link().toString(), found.expiresAt());
				case RecordingLookup.NotReady notReady -> retryOrGiveUp(recording, notReady.reason());
				case RecordingLookup.Missing missing -> this.recordings.finish(recording.callId(),
						recording.recordingRef(), RecordingStatus.MISSING, missing.reason());
			}
		}
		catch (Problems.ProviderFailure failure) {
			retryOrGiveUp(recording, failure.getMessage());
		}
	}

	private void retryOrGiveUp(CallRecording recording, String reason) {
		int attempts = recording.attempts() + 1;
		if (attempts >= this.properties.maxAttempts()) {
			log.warn("Recording of call {} not fetched after {} attempts: {}", recording.callId(), attempts, reason);
			this.recordings.finish(recording.callId(), recording.recordingRef(), RecordingStatus.FAILED, reason);
		}
		else {
			this.recordings.retry(recording.callId(), recording.recordingRef(), reason,
					this.recordings.now().plus(this.properties.retryAfter(attempts)));
		}
	}

}
