package io.callbridge.sandbox.web;

import java.util.List;

import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import io.callbridge.telephony.ExtensionDirectory;
import io.callbridge.telephony.Extensions;
import io.callbridge.sandbox.SandboxProvisioning;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.sandbox.SandboxCall;
import io.callbridge.sandbox.SandboxPbx;
import io.callbridge.sandbox.SandboxPbx.Scenario;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * What the control panel (page and API) does, checked against the user's tenant: which
 * sandbox account, which extension, and only the tenant's own sandbox calls.
 */
@Component
class SandboxControl {

	/** The longest caller or line number a simulated call takes, as typed. */
	private static final int MAX_NUMBER = 64;

	private final SandboxPbx pbx;

	private final TelephonyAccounts accounts;

	private final SandboxProvisioning provisioning;

	private final ExtensionDirectory extensions;

	SandboxControl(SandboxPbx pbx, TelephonyAccounts accounts, SandboxProvisioning provisioning,
			ExtensionDirectory extensions) {
		this.pbx = pbx;
		this.accounts = accounts;
		this.provisioning = provisioning;
		this.extensions = extensions;
	}

	TelephonyAccount account(CurrentUser user, @Nullable Long accountId) {
		if (accountId == null) {
			return this.provisioning.ensureSandbox(user.tenantId());
		}
		TelephonyAccount account = this.accounts.get(user.tenantId(), accountId);
		if (!SandboxProvisioning.PROVIDER.equals(account.provider())) {
			throw new Problems.InvalidInput("accountId", Text.of("sandbox.notSandbox", String.valueOf(accountId)));
		}
		return account;
	}

	// The extensions an agent may have (Extensions): the sandbox's calls are shown on
	// its page and sent through the provider path, so a value of any length or content
	// made the page fail for the whole tenant until the call ended.
	private static void checkExtension(String field, String extension) {
		if (!Extensions.valid(extension)) {
			throw new Problems.InvalidInput(field, Text.of("agent.badExtension"));
		}
	}

	private static String checkNumber(String field, String number) {
		if (number.length() > MAX_NUMBER || number.chars().anyMatch(Character::isISOControl)) {
			throw new Problems.InvalidInput(field, Text.of("sandbox.badNumber", MAX_NUMBER));
		}
		return number;
	}

	@Nullable String ownExtension(CurrentUser user, TelephonyAccount account) {
		return this.extensions.extensionOf(user.userId(), account.id()).orElse(null);
	}

	SandboxCall simulate(CurrentUser user, @Nullable Long accountId, @Nullable String from, @Nullable String line,
			@Nullable String extension, @Nullable Scenario scenario) {
		TelephonyAccount account = account(user, accountId);
		if (!account.enabled()) {
			throw new Problems.Conflict(Text.of("sandbox.disabled", account.name()));
		}
		String target = (extension != null && !extension.isBlank()) ? extension.strip() : ownExtension(user, account);
		if (target == null) {
			throw new Problems.InvalidInput("extension", Text.of("sandbox.noOwnExtension"));
		}
		checkExtension("extension", target);
		String caller = checkNumber("from", (from != null) ? from.strip() : "");
		String did = checkNumber("line", (line != null && !line.isBlank()) ? line.strip() : "+34910000000");
		return this.pbx.inbound(account.id(), caller, did, List.of(target),
				(scenario != null) ? scenario : Scenario.MANUAL);
	}

	List<SandboxCall> active(CurrentUser user) {
		return this.accounts.list(user.tenantId())
			.stream()
			.filter((a) -> SandboxProvisioning.PROVIDER.equals(a.provider()))
			.flatMap((a) -> this.pbx.active(a.id()).stream())
			.toList();
	}

	SandboxCall answer(CurrentUser user, String callId, @Nullable String extension) {
		owned(user, callId);
		if (extension != null && !extension.isBlank()) {
			checkExtension("extension", extension.strip());
		}
		return this.pbx.answer(callId, extension);
	}

	SandboxCall transfer(CurrentUser user, String callId, String extension) {
		owned(user, callId);
		checkExtension("extension", extension.strip());
		return this.pbx.transfer(callId, extension);
	}

	SandboxCall hangup(CurrentUser user, String callId) {
		owned(user, callId);
		return this.pbx.hangup(callId);
	}

	private void owned(CurrentUser user, String callId) {
		SandboxCall call = this.pbx.find(callId)
			.orElseThrow(() -> new Problems.NotFound(Text.of("sandbox.callWhat"), callId));
		this.accounts.find(call.accountId())
			.filter((a) -> a.tenantId() == user.tenantId())
			.orElseThrow(() -> new Problems.NotFound(Text.of("sandbox.callWhat"), callId));
	}

}
