package com.example.hub.dms.policy;

import java.time.LocalDate;

/**
 * An insurance policy the DMS knows.
 *
 * @param policyNumber its number
 * @param insurerName the insurance company
 * @param status its status, such as {@code ACTIVE}
 * @param startDate the first day it covers
 * @param endDate the day it ends, one year after its start
 */
record Policy(String policyNumber, String insurerName, String status, LocalDate startDate, LocalDate endDate) {}
