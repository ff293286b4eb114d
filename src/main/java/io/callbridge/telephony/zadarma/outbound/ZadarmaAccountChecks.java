package io.callbridge.telephony.zadarma.outbound;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.callbridge.shared.Text;
import io.callbridge.telephony.AccountCheck;
import io.callbridge.telephony.zadarma.outbound.ZadarmaApiClient.Balance;
import io.callbridge.telephony.zadarma.outbound.ZadarmaApiClient.CallInfo;
import io.callbridge.telephony.zadarma.outbound.ZadarmaApiClient.InternalNumbers;

/**
 * The checks of a Zadarma account, in order: credentials (a balance request), balance,
 * the call-notification webhook (our URL, all six notifications on) and the PBX
 * extensions. When the credentials fail the rest is reported as not checked.
 */
final class ZadarmaAccountChecks {

	private final ZadarmaApiClient api;

	ZadarmaAccountChecks(ZadarmaApiClient api) {
		this.api = api;
	}

	List<AccountCheck> run(Supplier<ZadarmaAccess> accessOf, URI webhookUrl) {
		List<AccountCheck> checks = new ArrayList<>();
		ZadarmaAccess access;
		try {
			access = accessOf.get();
			Balance balance = this.api.balance(access);
			checks.add(new AccountCheck("credentials", "API key and secret", true, "Zadarma accepted them."));
			checks.add(balance(balance));
		}
		catch (ZadarmaApiException ex) {
			checks.add(new AccountCheck("credentials", "API key and secret", false, ex.getMessage()));
			Text skipped = skipped(ex);
			checks.add(AccountCheck.of("balance", "Balance", false, skipped));
			checks.add(AccountCheck.of("webhook", "Call notifications", false, skipped));
			checks.add(AccountCheck.of("extensions", "PBX extensions", false, skipped));
			return checks;
		}
		checks.add(webhook(access, webhookUrl));
		checks.add(extensions(access));
		return checks;
	}

	// Only a refusal says anything about the key and secret: a rate limit or an
	// unreachable Zadarma leaves them unknown.
	private static Text skipped(ZadarmaApiException ex) {
		return switch (ex.kind()) {
			case CREDENTIALS_REJECTED, REFUSED -> Text.of("zadarmaCheck.skippedRejected");
			case RATE_LIMITED -> Text.of("zadarmaCheck.skippedRateLimited");
			case UNREACHABLE -> Text.of("zadarmaCheck.skippedUnreachable");
		};
	}

	/** "all six call notifications are on", or which are on and which off. */
	static String describe(Map<String, Boolean> switches) {
		List<String> on = switches.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
		List<String> off = switches.entrySet().stream().filter((e) -> !e.getValue()).map(Map.Entry::getKey).toList();
		if (off.isEmpty()) {
			return "all " + on.size() + " call notifications are on (" + String.join(", ", on) + ")";
		}
		return "on: " + (on.isEmpty() ? "none" : String.join(", ", on)) + "; off: " + String.join(", ", off);
	}

	private static AccountCheck balance(Balance balance) {
		boolean positive = balance.amount().compareTo(BigDecimal.ZERO) > 0;
		return new AccountCheck("balance", "Balance", positive,
				positive ? balance.toString() : balance + ": calls will fail until the account is topped up");
	}

	private AccountCheck webhook(ZadarmaAccess access, URI webhookUrl) {
		try {
			CallInfo info = this.api.callInfo(access);
			String ours = webhookUrl.toString();
			if (info.url().isBlank()) {
				return new AccountCheck("webhook", "Call notifications", false,
						"Zadarma has no call-notification URL; it should be " + ours + ".");
			}
			if (!info.url().strip().equals(ours)) {
				return new AccountCheck("webhook", "Call notifications", false,
						"Zadarma sends call notifications to " + info.url() + ", not to " + ours + ".");
			}
			boolean allOn = info.notifications().values().stream().allMatch(Boolean::booleanValue);
			return new AccountCheck("webhook", "Call notifications", allOn,
					"Zadarma sends call notifications to " + ours + "; " + describe(info.notifications()) + ".");
		}
		catch (ZadarmaApiException ex) {
			return new AccountCheck("webhook", "Call notifications", false, ex.getMessage());
		}
	}

	private AccountCheck extensions(ZadarmaAccess access) {
		try {
			InternalNumbers pbx = this.api.internalNumbers(access);
			if (pbx.numbers().isEmpty()) {
				return new AccountCheck("extensions", "PBX extensions", false,
						"PBX " + pbx.pbxId() + " has no extensions.");
			}
			return new AccountCheck("extensions", "PBX extensions", true, pbx.numbers().size() + " extensions on PBX "
					+ pbx.pbxId() + ": " + String.join(", ", pbx.numbers()) + ".");
		}
		catch (ZadarmaApiException ex) {
			return new AccountCheck("extensions", "PBX extensions", false, ex.getMessage());
		}
	}

}
