//! The "Ask for updates" form: who the updates are for (a lead, a partner
//! organisation, or some priorities), the name the file goes by, the date they
//! are wanted by, whether the file holds only their part or the whole plan, and
//! who asks. Saving it makes an [`UpdateRequest`] (see `core::exchange`), not a
//! change to the plan.
//!
//! Fields and their report names: "scope", "lead", "organisation",
//! "priorities", "for_whom", "wanted_by", "from".

use super::DateText;
use crate::core::compare::priority_name;
use crate::core::date::Date;
use crate::core::exchange::{select, Scope, Selection};
use crate::core::model::{Id, Plan, UpdateRequest};
use crate::core::validate::Report;

/// Who a request is for, as the form's radio buttons give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AskScope {
    Lead,
    Organisation,
    Priorities,
}

impl AskScope {
    pub const ALL: [AskScope; 3] = [AskScope::Lead, AskScope::Organisation, AskScope::Priorities];

    pub fn key(self) -> &'static str {
        match self {
            AskScope::Lead => "lead",
            AskScope::Organisation => "organisation",
            AskScope::Priorities => "priorities",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AskScope::Lead => "A lead",
            AskScope::Organisation => "A partner organisation",
            AskScope::Priorities => "Some priorities",
        }
    }

    pub fn hint(self) -> &'static str {
        match self {
            AskScope::Lead => "The actions they lead and the KPIs they are responsible for.",
            AskScope::Organisation => {
                "Every action with a lead naming the organisation (for example Health, Police), and its KPIs."
            }
            AskScope::Priorities => "Every action and KPI of the priorities you tick.",
        }
    }
}

/// How many days after today the updates are wanted by, unless changed.
pub const DEFAULT_DAYS: i64 = 14;

/// The form as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AskDraft {
    pub scope: Option<AskScope>,
    pub lead: String,
    pub organisation: String,
    pub priorities: Vec<Id>,
    /// The name on the file and in the partner's banner; blank: the lead's or
    /// organisation's name.
    pub for_whom: String,
    pub wanted_by: DateText,
    /// Only their actions and KPIs (true), or the whole plan.
    pub part: bool,
    /// Who asks (the plan's organisation unless changed).
    pub from: String,
}

impl AskDraft {
    /// A new request: wanted in [`DEFAULT_DAYS`] days, only their part, from the
    /// plan's organisation.
    pub fn new_for(plan: &Plan, today: Date) -> AskDraft {
        AskDraft {
            scope: None,
            lead: String::new(),
            organisation: String::new(),
            priorities: Vec::new(),
            for_whom: String::new(),
            wanted_by: DateText::of(Some(today.add_days(DEFAULT_DAYS))),
            part: true,
            from: plan.organisation.trim().to_string(),
        }
    }

    /// The scope as chosen so far (None until it names someone).
    pub fn scope_value(&self) -> Option<Scope> {
        match self.scope? {
            AskScope::Lead => {
                (!self.lead.trim().is_empty()).then(|| Scope::Lead(self.lead.clone()))
            }
            AskScope::Organisation => (!self.organisation.trim().is_empty())
                .then(|| Scope::Organisation(self.organisation.clone())),
            AskScope::Priorities => {
                (!self.priorities.is_empty()).then(|| Scope::Priorities(self.priorities.clone()))
            }
        }
    }

    /// What the request asks about, as chosen so far.
    pub fn selection(&self, plan: &Plan) -> Selection {
        self.scope_value()
            .map(|s| select(plan, &s))
            .unwrap_or_default()
    }

    /// Who the file is for, in words: the name typed, else the lead's or the
    /// organisation's name, else the priorities ("Priority 1 and Priority 3").
    pub fn who(&self, plan: &Plan) -> String {
        let typed = self.for_whom.trim();
        if !typed.is_empty() {
            return typed.to_string();
        }
        match self.scope {
            Some(AskScope::Lead) => self.lead.trim().to_string(),
            Some(AskScope::Organisation) => self.organisation.trim().to_string(),
            Some(AskScope::Priorities) => {
                let names: Vec<String> = plan
                    .priorities
                    .iter()
                    .filter(|p| self.priorities.contains(&p.id))
                    .map(priority_name)
                    .collect();
                match names.split_last() {
                    None => String::new(),
                    Some((last, [])) => last.clone(),
                    Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
                }
            }
            None => String::new(),
        }
    }

    /// "The file will ask Health about 7 actions and 3 KPIs." — or what is
    /// still to choose.
    pub fn summary(&self, plan: &Plan) -> String {
        if self.scope_value().is_none() {
            return "Choose who the updates are for to see what the file will ask about.".into();
        }
        let sel = self.selection(plan);
        if sel.is_empty() {
            return "No actions or KPIs match this choice yet.".into();
        }
        format!(
            "The file will ask {} about {}.",
            self.who(plan),
            sel.words()
        )
    }

    /// The request, or the report of what to fix.
    pub fn into_request(&self, plan: &Plan, today: Date) -> Result<UpdateRequest, Report> {
        let mut r = Report::default();
        match self.scope {
            None => r.error("scope", "Choose who the updates are for"),
            Some(AskScope::Lead) if self.lead.trim().is_empty() => r.error("lead", "Choose a lead"),
            Some(AskScope::Organisation) if self.organisation.trim().is_empty() => {
                r.error("organisation", "Enter the name of the partner organisation")
            }
            Some(AskScope::Priorities) if self.priorities.is_empty() => {
                r.error("priorities", "Tick at least one priority")
            }
            Some(s) => {
                if self.selection(plan).is_empty() {
                    let (field, message) = match s {
                        AskScope::Lead => (
                            "lead",
                            format!("No action or KPI in the plan is led by {}", self.lead.trim()),
                        ),
                        AskScope::Organisation => (
                            "organisation",
                            format!(
                                "No action's lead or KPI's responsible officer names {}: check the spelling, or choose a lead",
                                self.organisation.trim()
                            ),
                        ),
                        AskScope::Priorities => (
                            "priorities",
                            "The priorities ticked have no actions or KPIs".to_string(),
                        ),
                    };
                    r.error(field, message);
                }
            }
        }
        let wanted_by = match self.wanted_by.parse("date wanted", false) {
            Ok(Some(d)) if d < today => {
                r.error("wanted_by", "The date wanted must be today or later");
                None
            }
            Ok(d) => d,
            Err(e) => {
                r.error("wanted_by", e);
                None
            }
        };
        if self.who(plan).chars().count() > 80 {
            r.error(
                "for_whom",
                "The name on the file must be 80 characters or fewer",
            );
        }
        if !r.is_ok() {
            return Err(r);
        }
        let sel = self.selection(plan);
        Ok(UpdateRequest {
            for_whom: self.who(plan),
            from: self.from.trim().to_string(),
            asked_on: Some(today),
            wanted_by,
            action_ids: sel.action_ids,
            kpi_ids: sel.kpi_ids,
            part: self.part,
        })
    }
}
