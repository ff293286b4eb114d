package io.callbridge.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs browser tests where Chromium and ChromeDriver are installed; skips them with a
 * clear reason on a developer machine without them, and fails in CI ({@code CI=true}),
 * where .ci/run installs them.
 */
public class BrowserAvailability implements ExecutionCondition {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (Browser.installed()) {
			return ConditionEvaluationResult.enabled("Chromium and ChromeDriver found");
		}
		String reason = Browser.CHROMIUM + " or " + Browser.CHROMEDRIVER
				+ " is missing (Debian packages chromium, chromium-driver)";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(reason + ": in CI the browser tests must run");
		}
		return ConditionEvaluationResult.disabled(reason + ": browser tests skipped");
	}

}
