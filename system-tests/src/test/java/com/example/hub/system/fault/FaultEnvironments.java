package com.example.hub.system.fault;

import java.util.Locale;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each fault test class a {@link FaultEnvironment} of its own (as a parameter, e.g. of its {@code @BeforeAll}
 * method), closes it when the class is done, whatever happened, and then writes {@code docs/reliability.md} from the
 * figures there are.
 */
class FaultEnvironments implements ParameterResolver, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FaultEnvironments.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == FaultEnvironment.class;
    }

    @Override
    public FaultEnvironment resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> testClass = extensionContext.getRequiredTestClass();
        return store(extensionContext)
                .computeIfAbsent(testClass, key -> Started.start(testClass), Started.class)
                .environment();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            Started started = store(context).remove(context.getRequiredTestClass(), Started.class);
            if (started != null && started.environment != null) {
                started.environment.close();
            }
        } finally {
            ReliabilityReport.assemble();
        }
    }

    private static ExtensionContext.Store store(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE);
    }

    /** {@code FaultBrokerRestartTests}: {@code broker-restart}. */
    private static String directoryName(Class<?> testClass) {
        return testClass
                .getSimpleName()
                .replaceFirst("^Fault", "")
                .replaceFirst("Tests$", "")
                .replaceAll("([a-z])([A-Z])", "$1-$2")
                .toLowerCase(Locale.ROOT);
    }

    /**
     * The environment of a class, or why it did not start: its later scenarios fail with the same cause instead of
     * starting it all over again.
     */
    private record Started(FaultEnvironment environment, RuntimeException failure) {

        static Started start(Class<?> testClass) {
            try {
                return new Started(
                        FaultEnvironment.start(
                                directoryName(testClass), testClass.isAnnotationPresent(StoresOnPostgres.class)),
                        null);
            } catch (RuntimeException | AssertionError ex) {
                return new Started(null, new IllegalStateException("The fault environment did not start", ex));
            }
        }

        @Override
        public FaultEnvironment environment() {
            if (this.failure != null) {
                throw this.failure;
            }
            return this.environment;
        }
    }
}
