package com.example.hub.crm.creatio;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach Creatio, and where its orders keep what the hub writes. application.yml binds these from {@code
 * CREATIO_*} environment variables.
 *
 * @param baseUrl e.g. {@code https://mycompany.creatio.com} ({@code CREATIO_BASE_URL})
 * @param username the integration user ({@code CREATIO_USERNAME})
 * @param password its password ({@code CREATIO_PASSWORD})
 * @param loginPath the AuthService login, relative to the base URL ({@code CREATIO_LOGIN_PATH})
 * @param odataPath the OData 4 root, relative to the base URL ({@code CREATIO_ODATA_PATH})
 * @param connectTimeout how long to wait for a connection ({@code CREATIO_CONNECT_TIMEOUT})
 * @param readTimeout how long to wait for an answer ({@code CREATIO_READ_TIMEOUT})
 * @param orderNumberColumn the column of {@code Order} that holds 1C's order id ({@code CREATIO_ORDER_NUMBER_COLUMN},
 *     {@code Number})
 * @param statusMap 1C's status names to the names of Creatio's {@code OrderStatus} rows; a status not in it is looked
 *     up by its own name. Keys are matched ignoring case ({@code creatio.status-map.[Shipped]=3. In progress}, or
 *     {@code CREATIO_STATUSMAP_SHIPPED})
 * @param policyColumns the custom columns of {@code Order} that receive the policy DMS reports
 */
@Validated
@ConfigurationProperties("creatio")
public record CreatioProperties(
        @NotNull @DefaultValue("http://localhost:8090") URI baseUrl,
        @NotBlank @DefaultValue("Supervisor") String username,
        @NotNull @DefaultValue("Supervisor") String password,

        @NotBlank @DefaultValue("/ServiceModel/AuthService.svc/Login")
        String loginPath,

        @NotBlank @DefaultValue("/0/odata") String odataPath,
        @NotNull @DefaultValue("2s") Duration connectTimeout,
        @NotNull @DefaultValue("10s") Duration readTimeout,

        @NotBlank @Pattern(regexp = COLUMN, message = "must be a column name") @DefaultValue("Number")
        String orderNumberColumn,

        @NotNull @DefaultValue Map<String, String> statusMap,
        @NotNull @Valid @DefaultValue PolicyColumns policyColumns) {

    /** What a column name may be: OData's simple identifier. */
    static final String COLUMN = "[A-Za-z_][A-Za-z0-9_]*";

    public CreatioProperties {
        TreeMap<String, String> statuses = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        statuses.putAll(statusMap);
        statusMap = statuses;
    }

    /** The Creatio name of a status 1C sends: the status map's, or its own. */
    String creatioStatus(String status) {
        return Optional.ofNullable(statusMap.get(status.strip())).orElse(status.strip());
    }

    @Override
    public String toString() {
        return "CreatioProperties[baseUrl=" + baseUrl + ", username=" + username + ", password=***, loginPath="
                + loginPath + ", odataPath=" + odataPath + ", connectTimeout=" + connectTimeout + ", readTimeout="
                + readTimeout + ", orderNumberColumn=" + orderNumberColumn + ", statusMap=" + statusMap
                + ", policyColumns=" + policyColumns + "]";
    }

    /**
     * The custom columns of Creatio's {@code Order} (Creatio's {@code Usr} prefix, e.g. {@code UsrPolicyNumber}) that
     * receive the policy's details; blank: that detail goes, as text, into the order's {@code Comment}, as do all of
     * them when no column is set.
     *
     * @param number the policy number ({@code CREATIO_POLICY_NUMBER_COLUMN})
     * @param insurer the insurance company ({@code CREATIO_POLICY_INSURER_COLUMN})
     * @param status the policy's status in DMS, or {@code NOT_FOUND} ({@code CREATIO_POLICY_STATUS_COLUMN})
     * @param startDate its first day, an ISO date ({@code CREATIO_POLICY_START_DATE_COLUMN})
     * @param endDate its last day ({@code CREATIO_POLICY_END_DATE_COLUMN})
     */
    public record PolicyColumns(
            @Nullable @Pattern(regexp = "|" + COLUMN, message = "must be a column name or empty")
            String number,

            @Nullable @Pattern(regexp = "|" + COLUMN, message = "must be a column name or empty")
            String insurer,

            @Nullable @Pattern(regexp = "|" + COLUMN, message = "must be a column name or empty")
            String status,

            @Nullable @Pattern(regexp = "|" + COLUMN, message = "must be a column name or empty")
            String startDate,

            @Nullable @Pattern(regexp = "|" + COLUMN, message = "must be a column name or empty")
            String endDate) {

        public PolicyColumns {
            number = blankToNull(number);
            insurer = blankToNull(insurer);
            status = blankToNull(status);
            startDate = blankToNull(startDate);
            endDate = blankToNull(endDate);
        }

        /** No custom columns: the policy goes into the order's {@code Comment}. */
        public static final PolicyColumns NONE = new PolicyColumns(null, null, null, null, null);

        /** The configured columns, by the detail they receive (number, insurer, status, start_date, end_date). */
        Map<String, String> byDetail() {
            Map<String, String> columns = new LinkedHashMap<>();
            put(columns, "number", number);
            put(columns, "insurer", insurer);
            put(columns, "status", status);
            put(columns, "start_date", startDate);
            put(columns, "end_date", endDate);
            return columns;
        }

        private static @Nullable String blankToNull(@Nullable String column) {
            return column == null || column.isBlank() ? null : column.strip();
        }

        private static void put(Map<String, String> columns, String detail, @Nullable String column) {
            if (column != null && !column.isBlank()) {
                columns.put(detail.toLowerCase(Locale.ROOT), column.strip());
            }
        }
    }
}
