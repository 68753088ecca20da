//! The diesel schema, shared by both backends (the migrations of each backend create the same tables).

diesel::table! {
    regions (code) {
        code -> Text,
        name -> Text,
        insee_code -> Text,
        overseas -> Bool,
    }
}

diesel::table! {
    campuses (id) {
        id -> Text,
        name -> Text,
        commune -> Text,
        department_code -> Text,
        region_code -> Text,
        latitude -> Double,
        longitude -> Double,
        local_authority -> Text,
        partner_establishment -> Nullable<Text>,
        opening_year -> Integer,
        wave -> Integer,
        premises_kind -> Text,
        surface_m2 -> Nullable<Double>,
        seats -> Nullable<Integer>,
        weekly_opening_hours -> Nullable<Double>,
        evening_opening -> Bool,
        weekend_opening -> Bool,
        status -> Text,
        convention_start_year -> Integer,
        convention_end_year -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        email -> Text,
        display_name -> Text,
        password_hash -> Text,
        role -> Text,
        region_code -> Nullable<Text>,
        active -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        last_deactivated_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    user_campuses (user_id, campus_id) {
        user_id -> BigInt,
        campus_id -> Text,
    }
}

diesel::table! {
    api_clients (client_id) {
        client_id -> Text,
        name -> Text,
        key_hash -> Text,
        role -> Text,
        region_code -> Nullable<Text>,
        active -> Bool,
        created_at -> Timestamp,
        last_deactivated_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    annual_reports (id) {
        id -> BigInt,
        campus_id -> Text,
        academic_year -> Text,
        status -> Text,
        achievements -> Nullable<Text>,
        financial_comment -> Nullable<Text>,
        submitted_at -> Nullable<Timestamp>,
        reviewed_at -> Nullable<Timestamp>,
        review_comment -> Nullable<Text>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    report_values (report_id, field) {
        report_id -> BigInt,
        field -> Text,
        int_value -> Nullable<BigInt>,
        real_value -> Nullable<Double>,
        text_value -> Nullable<Text>,
    }
}

diesel::table! {
    gap_explanations (report_id, indicator) {
        report_id -> BigInt,
        indicator -> Text,
        explanation -> Text,
    }
}

diesel::table! {
    flash_surveys (id) {
        id -> BigInt,
        campus_id -> Text,
        academic_year -> Text,
        status -> Text,
        submitted_at -> Nullable<Timestamp>,
        version -> BigInt,
        forecast_students_enrolled -> Nullable<BigInt>,
        forecast_prog_licence -> Nullable<BigInt>,
        forecast_prog_master -> Nullable<BigInt>,
        forecast_prog_doctorate -> Nullable<BigInt>,
        forecast_prog_daeu -> Nullable<BigInt>,
        forecast_prog_bts -> Nullable<BigInt>,
        forecast_prog_other_public -> Nullable<BigInt>,
        forecast_prog_private -> Nullable<BigInt>,
        final_outcome_success -> Nullable<BigInt>,
        final_outcome_dropout -> Nullable<BigInt>,
        final_outcome_reorientation -> Nullable<BigInt>,
        final_outcome_failure -> Nullable<BigInt>,
        final_outcome_pending -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    targets (id) {
        id -> BigInt,
        indicator -> Text,
        scope -> Text,
        academic_year -> Text,
        direction -> Text,
        value -> Double,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    deadlines (academic_year, kind) {
        academic_year -> Text,
        kind -> Text,
        due_at -> Timestamp,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    lock_exceptions (id) {
        id -> BigInt,
        campus_id -> Text,
        academic_year -> Text,
        kind -> Text,
        due_at -> Timestamp,
        reason -> Text,
        granted_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        at -> Timestamp,
        actor -> Text,
        entity -> Text,
        campus_id -> Nullable<Text>,
        academic_year -> Nullable<Text>,
        action -> Text,
        field -> Nullable<Text>,
        old_value -> Nullable<Text>,
        new_value -> Nullable<Text>,
        comment -> Nullable<Text>,
    }
}

diesel::table! {
    settings (key) {
        key -> Text,
        value -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    job_runs (id) {
        id -> BigInt,
        job -> Text,
        slot -> Nullable<Text>,
        trigger -> Text,
        run_at -> Timestamp,
        instance -> Text,
        started_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
        outcome -> Text,
        summary -> Nullable<Text>,
    }
}

diesel::table! {
    webhooks (id) {
        id -> BigInt,
        client_id -> Text,
        url -> Text,
        events -> Text,
        secret -> Text,
        active -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    outbox (id) {
        id -> BigInt,
        dedupe_key -> Text,
        channel -> Text,
        recipient -> Text,
        webhook_id -> Nullable<BigInt>,
        event -> Text,
        subject -> Text,
        body -> Text,
        created_at -> Timestamp,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        last_error -> Nullable<Text>,
        sent_at -> Nullable<Timestamp>,
        lease_owner -> Nullable<Text>,
        lease_until -> Nullable<Timestamp>,
    }
}

diesel::table! {
    deadline_marks (campus_id, academic_year, kind, mark) {
        campus_id -> Text,
        academic_year -> Text,
        kind -> Text,
        mark -> Text,
        marked_at -> Timestamp,
    }
}

diesel::table! {
    renewal_texts (campus_id, criterion) {
        campus_id -> Text,
        criterion -> Text,
        body -> Text,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    renewal_actions (campus_id, position) {
        campus_id -> Text,
        position -> Integer,
        academic_year -> Text,
        action -> Text,
        description -> Text,
    }
}

diesel::table! {
    renewal_grant_uses (campus_id, academic_year) {
        campus_id -> Text,
        academic_year -> Text,
        amount -> BigInt,
        description -> Text,
    }
}

diesel::table! {
    renewal_budget_lines (campus_id, academic_year, line) {
        campus_id -> Text,
        academic_year -> Text,
        line -> Text,
        amount -> BigInt,
    }
}

diesel::table! {
    data_version (id) {
        id -> Integer,
        version -> BigInt,
    }
}

diesel::table! {
    revoked_tokens (jti) {
        jti -> Text,
        subject -> Text,
        expires_at -> Timestamp,
        revoked_at -> Timestamp,
    }
}

diesel::joinable!(campuses -> regions (region_code));
diesel::joinable!(user_campuses -> users (user_id));
diesel::joinable!(user_campuses -> campuses (campus_id));
diesel::joinable!(annual_reports -> campuses (campus_id));
diesel::joinable!(report_values -> annual_reports (report_id));
diesel::joinable!(gap_explanations -> annual_reports (report_id));
diesel::joinable!(flash_surveys -> campuses (campus_id));
diesel::joinable!(lock_exceptions -> campuses (campus_id));
diesel::joinable!(webhooks -> api_clients (client_id));
diesel::joinable!(outbox -> webhooks (webhook_id));
diesel::joinable!(deadline_marks -> campuses (campus_id));

diesel::allow_tables_to_appear_in_same_query!(
    regions,
    campuses,
    users,
    user_campuses,
    api_clients,
    annual_reports,
    report_values,
    gap_explanations,
    flash_surveys,
    targets,
    deadlines,
    lock_exceptions,
    audit_log,
    settings,
    job_runs,
    webhooks,
    outbox,
    deadline_marks,
    renewal_texts,
    renewal_actions,
    renewal_grant_uses,
    renewal_budget_lines,
    data_version,
    revoked_tokens,
);
