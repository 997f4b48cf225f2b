//! Mini program accounts, their 主体类型 and 已通过的服务类目, and platform reviewers.

use std::fmt;
use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};

use super::errors::DomainError;
use super::ids::AppId;
use super::text::{char_len, name_form};

/// A mini program's name: this many characters *(decided)*, counted in the stored form
/// ([`name_form`]).
pub const ACCOUNT_NAME_CHARS: RangeInclusive<usize> = 2..=30;
/// Each level (一级, 二级) of a service category: this many characters, trimmed.
pub const CATEGORY_LEVEL_CHARS: RangeInclusive<usize> = 1..=20;
/// A reviewer's id and name: this many characters each, trimmed.
pub const REVIEWER_CHARS: RangeInclusive<usize> = 1..=20;

/// 主体类型 of a mini program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SubjectType {
    /// 企业
    Enterprise,
    /// 媒体
    Media,
    /// 政府
    Government,
    /// 其他组织
    OtherOrganization,
    /// 个人
    Individual,
}

impl SubjectType {
    /// Every subject type, in the platform's order.
    pub const ALL: [SubjectType; 5] = [
        SubjectType::Enterprise,
        SubjectType::Media,
        SubjectType::Government,
        SubjectType::OtherOrganization,
        SubjectType::Individual,
    ];
    /// Chinese label.
    pub fn zh(self) -> &'static str {
        match self {
            SubjectType::Enterprise => "企业",
            SubjectType::Media => "媒体",
            SubjectType::Government => "政府",
            SubjectType::OtherOrganization => "其他组织",
            SubjectType::Individual => "个人",
        }
    }
    /// The subject type whose Chinese label is `zh`.
    pub fn from_zh(zh: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.zh() == zh)
    }
    /// English label.
    pub fn en(self) -> &'static str {
        match self {
            SubjectType::Enterprise => "Enterprise",
            SubjectType::Media => "Media",
            SubjectType::Government => "Government",
            SubjectType::OtherOrganization => "Other organization",
            SubjectType::Individual => "Individual",
        }
    }
    /// 开放范围 of plugin development: everyone but 个人.
    pub fn may_develop_plugins(self) -> bool {
        self != SubjectType::Individual
    }
}

/// A service category (一级类目, 二级类目).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Category {
    /// 一级类目
    #[serde(rename = "p")]
    pub primary: String,
    /// 二级类目
    #[serde(rename = "s")]
    pub secondary: String,
}

impl Category {
    /// Builds a category.
    pub fn new(primary: impl Into<String>, secondary: impl Into<String>) -> Self {
        Category {
            primary: primary.into(),
            secondary: secondary.into(),
        }
    }
    /// As English pages show it: `餐饮 > 点评与推荐 (Food & drink > Reviews & recommendations)`;
    /// with one name the app does not know (typed on 创建小程序帐号), each name with its own
    /// gloss, if any: `医疗 (Medical) > 体检` ([`super::category::gloss`]; re-check QA: `医疗 >
    /// 体检 (Medical > 体检)` said the unknown name twice).
    pub fn en(&self) -> String {
        use super::category::{gloss, glossed};
        match (gloss(&self.primary), gloss(&self.secondary)) {
            (Some(p), Some(s)) => format!("{self} ({p} > {s})"),
            _ => format!("{} > {}", glossed(&self.primary), glossed(&self.secondary)),
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} > {}", self.primary, self.secondary)
    }
}

/// A mini program account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// AppID (also the AppID of its plugin, if any).
    #[serde(rename = "a")]
    pub app_id: AppId,
    /// Mini program name.
    #[serde(rename = "n")]
    pub name: String,
    /// 主体类型
    #[serde(rename = "s")]
    pub subject: SubjectType,
    /// 已通过的服务类目
    #[serde(rename = "c")]
    pub categories: Vec<Category>,
}

/// What stops every plugin of an account of `subject` with approved `categories` from passing
/// 提交审核: a 个人 account develops none ([`DomainError::IndividualCannotDevelop`], the guide's
/// 开放范围); without an approved category open to plugins no submission passes
/// ([`DomainError::NoPluginCategory`]). Asked by 提交审核, the next step, and the pages that say
/// it beforehand (创建小程序帐号's form before the account exists, /dev, the start page).
pub fn development_blocked(subject: SubjectType, categories: &[Category]) -> Option<DomainError> {
    if !subject.may_develop_plugins() {
        Some(DomainError::IndividualCannotDevelop)
    } else if !super::category::has_plugin_category(categories) {
        Some(DomainError::NoPluginCategory)
    } else {
        None
    }
}

impl Account {
    /// [`development_blocked`] for this account.
    pub fn development_blocked(&self) -> Option<DomainError> {
        development_blocked(self.subject, &self.categories)
    }
    /// 医疗类 *(decided)*: one approved category has 一级类目 = 医疗.
    pub fn is_medical(&self) -> bool {
        is_medical(&self.categories)
    }
    /// Whether the account list's filter finds this account, `key` being the query as
    /// [`filter_key`] makes it: its name holds it, compared as names are
    /// ([`super::text::name_key`]: case, widths and runs of spaces aside), or its AppID starts
    /// with it, as the plugin search matches AppIDs ([`super::search::matches_app_id`]: `wx`
    /// alone finds none). An empty key finds all.
    pub fn matches(&self, key: &str) -> bool {
        key.is_empty()
            || super::text::name_key(&self.name).contains(key)
            || super::search::matches_app_id(self.app_id.as_str(), key)
    }
}

/// A query of the account list's filter as [`Account::matches`] compares it (made once, not for
/// each account).
pub fn filter_key(query: &str) -> String {
    super::text::name_key(&name_form(query))
}

/// [`Account::is_medical`] of an account whose approved categories are `categories`.
pub(crate) fn is_medical(categories: &[Category]) -> bool {
    categories
        .iter()
        .any(|c| c.primary == super::category::MEDICAL_PRIMARY)
}

/// Validates a new account's name (2–30 chars, decided, as stored: [`name_form`]) and
/// categories (each level 1–20 chars).
pub fn validate_account(name: &str, categories: &[Category]) -> Result<(), DomainError> {
    match account_form_problems(name, categories).into_iter().next() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Every refusal of a new account's form at once, in its order (name, categories): what
/// 创建 shows (QA: one at a time). The first is [`validate_account`]'s.
pub fn account_form_problems(name: &str, categories: &[Category]) -> Vec<DomainError> {
    // The name's hidden character too, which the command only checks once its other rules
    // hold (adversarial QA: with no category, only the category's problem was said).
    let name = validate_account_name(name)
        .err()
        .or_else(|| crate::domain::TextField::Name.hidden_in(name));
    [name, validate_account_categories(categories).err()]
        .into_iter()
        .flatten()
        .collect()
}

/// A new account's categories: at least one *(decided)*, each valid and listed once.
pub fn validate_account_categories(categories: &[Category]) -> Result<(), DomainError> {
    if categories.is_empty() {
        return Err(DomainError::AccountCategoriesRequired);
    }
    validate_categories(categories)
}

/// A new account's name: 2–30 characters (decided), as stored ([`name_form`]).
pub fn validate_account_name(name: &str) -> Result<(), DomainError> {
    let len = char_len(&name_form(name));
    if !ACCOUNT_NAME_CHARS.contains(&len) {
        return Err(DomainError::AccountNameLength { len });
    }
    Ok(())
}

/// Each category's two levels are 1–20 characters and no category is listed twice: the first
/// one that breaks a rule is refused, by its place in the list.
pub fn validate_categories(categories: &[Category]) -> Result<(), DomainError> {
    for (index, c) in categories.iter().enumerate() {
        match check_new_category(&categories[..index], c) {
            Err(DomainError::CategoryLevelLength { .. }) => {
                return Err(DomainError::AccountCategoryInvalid { index })
            }
            checked => checked?,
        }
    }
    Ok(())
}

/// A category added to a list (the form's 添加类目): valid ([`validate_category`]) and not
/// already in it, levels compared trimmed (QA: a second 工具 > 计算器 was ignored silently).
pub fn check_new_category(added: &[Category], c: &Category) -> Result<(), DomainError> {
    validate_category(c)?;
    fn key(c: &Category) -> (&str, &str) {
        (c.primary.trim(), c.secondary.trim())
    }
    if added.iter().any(|a| key(a) == key(c)) {
        return Err(DomainError::CategoryRepeated {
            category: Category::new(c.primary.trim(), c.secondary.trim()),
        });
    }
    Ok(())
}

/// A category level with a character people cannot see ([`crate::domain::text::hidden_char`]):
/// what 创建小程序帐号 refuses, and the form as a category is added (QA: `记` + U+200B + `账` made a
/// second 记账 chip).
pub fn hidden_in_category(c: &Category) -> Option<DomainError> {
    [&c.primary, &c.secondary]
        .into_iter()
        .find_map(|level| crate::domain::TextField::Category.hidden_in(level))
}

/// One category's levels, 1–20 characters each (trimmed): what the form checks as a category
/// is added, naming the level (QA: a blank 二级类目 was "第 2 个服务类目不正确").
pub fn validate_category(c: &Category) -> Result<(), DomainError> {
    for (primary, level) in [(true, &c.primary), (false, &c.secondary)] {
        let len = char_len(level.trim());
        if !CATEGORY_LEVEL_CHARS.contains(&len) {
            return Err(DomainError::CategoryLevelLength { primary, len });
        }
    }
    Ok(())
}

/// A member of 微信小程序团队 who reviews plugin versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reviewer {
    /// Reviewer id (used in [`crate::domain::Actor::Reviewer`]).
    pub id: String,
    /// Display name.
    pub name: String,
}
