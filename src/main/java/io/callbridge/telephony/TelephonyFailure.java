package io.callbridge.telephony;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;

/**
 * A failed provider request that can say what went wrong in the reader's language (the
 * adapters' API exceptions), so the core shows and stores a {@link Text} instead of an
 * English exception message.
 */
public interface TelephonyFailure {

	/** What went wrong, with the provider's own words as literal arguments. */
	Text text();

	/**
	 * What went wrong in a failure of any kind: the text of a provider failure or a
	 * problem, otherwise the exception's own message, shown as it is.
	 * @param failure the failure
	 * @return the text
	 */
	static Text textOf(Throwable failure) {
		if (failure instanceof TelephonyFailure telephony) {
			return telephony.text();
		}
		if (failure instanceof Problems.Problem problem) {
			return problem.text();
		}
		return Text.literal((failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getSimpleName());
	}

}
