package io.callbridge.records;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

/**
 * The opaque position in a tenant's change feed handed to API clients: base64url of the
 * tenant and the change number, so a cursor of another tenant is refused rather than read
 * as a position.
 */
final class ChangeCursor {

	private static final Pattern FORM = Pattern.compile("t(\\d{1,18}):(\\d{1,18})");

	private ChangeCursor() {
	}

	static String encode(long tenantId, long seq) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("t" + tenantId + ":" + seq).getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * The change number a cursor stands for; absent, blank or {@code 0} is the beginning.
	 * @param tenantId the reader's tenant
	 * @param cursor what the client sent
	 * @param field the parameter it was sent in, named by a 422 problem
	 * @return the change number after which to read
	 */
	static long decode(long tenantId, @Nullable String cursor, String field) {
		if (cursor == null || cursor.isBlank() || "0".equals(cursor.strip())) {
			return 0;
		}
		try {
			String text = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.US_ASCII);
			Matcher matcher = FORM.matcher(text);
			if (matcher.matches() && Long.parseLong(matcher.group(1)) == tenantId) {
				return Long.parseLong(matcher.group(2));
			}
		}
		catch (IllegalArgumentException ex) {
			// Not base64: refused below like any other foreign cursor.
		}
		throw new Problems.InvalidInput(field, Text.of("changes.badCursor", cursor));
	}

}
