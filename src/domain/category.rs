//! 「已开放的插件服务类目」 as data, and the rule choosing a plugin's 插件服务类目.

use serde::Serialize;

use super::account::{Account, Category};
use super::errors::DomainError;

/// 一级类目 that makes a mini program 医疗类 and whose plugin categories are restricted.
pub const MEDICAL_PRIMARY: &str = "医疗";

/// Which 二级类目 of a 一级类目 are open to plugins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Secondaries {
    /// 所有二级类目: any second-level category the mini program has under that first level.
    All,
    /// Only these.
    Only(&'static [&'static str]),
}

/// One row of the open category table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct OpenCategory {
    /// 一级类目
    pub primary: &'static str,
    /// 二级类目
    pub secondaries: Secondaries,
    /// 特殊说明: 仅医疗类小程序可使用.
    pub medical_only: bool,
}

impl OpenCategory {
    /// Whether `secondary` is open under this row.
    pub fn admits(&self, secondary: &str) -> bool {
        match self.secondaries {
            Secondaries::All => true,
            Secondaries::Only(list) => list.contains(&secondary),
        }
    }
    /// 二级类目 column as the guide writes it.
    pub fn secondaries_zh(&self) -> String {
        match self.secondaries {
            Secondaries::All => "所有二级类目".to_string(),
            Secondaries::Only(list) => list.join("、"),
        }
    }
    /// The same column in English (category names are the platform's own, in Chinese).
    pub fn secondaries_en(&self) -> String {
        match self.secondaries {
            Secondaries::All => "All secondary categories".to_string(),
            Secondaries::Only(list) => list.join(", "),
        }
    }
}

const fn row(primary: &'static str, secondaries: Secondaries) -> OpenCategory {
    OpenCategory {
        primary,
        secondaries,
        medical_only: false,
    }
}

/// 「已开放的插件服务类目」, exactly as in the guide.
pub const OPEN_CATEGORIES: &[OpenCategory] = &[
    row("快递业与邮政", Secondaries::All),
    OpenCategory {
        primary: MEDICAL_PRIMARY,
        secondaries: Secondaries::Only(&["就医服务", "互联网医院"]),
        medical_only: true,
    },
    row("政务民生", Secondaries::All),
    row("金融业", Secondaries::Only(&["征信业务"])),
    row("出行与交通", Secondaries::All),
    row("生活服务", Secondaries::Only(&["票务", "生活缴费"])),
    row("IT科技", Secondaries::All),
    row(
        "餐饮",
        Secondaries::Only(&["点评与推荐", "菜谱", "餐厅排队", "点餐平台", "外卖平台"]),
    ),
    row("旅游", Secondaries::All),
    row(
        "文娱",
        Secondaries::Only(&["视频", "FM/电台", "音乐", "有声读物", "动漫"]),
    ),
    row(
        "工具",
        Secondaries::Only(&[
            "记账",
            "投票",
            "日历",
            "天气",
            "备忘录",
            "办公",
            "字典",
            "计算类",
            "报价/比价",
            "发票查询",
            "企业管理",
        ]),
    ),
    row("电商平台", Secondaries::Only(&["电商平台"])),
    row("商业服务", Secondaries::Only(&["招聘/求职"])),
    row("汽车", Secondaries::All),
];

/// The open-table row admitting `category`, if any.
pub fn open_row(category: &Category) -> Option<&'static OpenCategory> {
    OPEN_CATEGORIES
        .iter()
        .find(|r| r.primary == category.primary && r.admits(&category.secondary))
}

/// The 插件服务类目 rule: open to plugins, 医疗 only for 医疗类, and one of the account's
/// approved categories (approved ∩ open table).
pub fn check_plugin_category(account: &Account, category: &Category) -> Result<(), DomainError> {
    check_among(&account.categories, category)
}

/// Whether one of an account's approved `categories` may be its plugin's 插件服务类目
/// ([`check_plugin_category`]): without one every 提交审核 is refused
/// ([`DomainError::NoPluginCategory`]). Asked by 创建小程序帐号's form too, before the account is.
pub fn has_plugin_category(categories: &[Category]) -> bool {
    categories
        .iter()
        .any(|c| check_among(categories, c).is_ok())
}

/// [`check_plugin_category`] for an account whose approved categories are `approved`.
fn check_among(approved: &[Category], category: &Category) -> Result<(), DomainError> {
    let row = open_row(category).ok_or_else(|| DomainError::CategoryNotOpen {
        category: category.clone(),
    })?;
    if row.medical_only && !super::account::is_medical(approved) {
        return Err(DomainError::MedicalOnly {
            category: category.clone(),
        });
    }
    if !approved.contains(category) {
        return Err(DomainError::CategoryNotApproved {
            category: category.clone(),
        });
    }
    Ok(())
}

/// A category the UI may offer when submitting for review, with why it is (not) allowed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryOption {
    /// The category.
    pub category: Category,
    /// `Ok` if selectable, else the reason.
    pub allowed: Result<(), DomainError>,
}

/// All of the account's approved categories, then the open table's explicitly listed
/// categories the account lacks (so the UI can explain e.g. that 医疗 needs 医疗类).
pub fn category_options(account: &Account) -> Vec<CategoryOption> {
    let mut out: Vec<CategoryOption> = account
        .categories
        .iter()
        .map(|c| CategoryOption {
            category: c.clone(),
            allowed: check_plugin_category(account, c),
        })
        .collect();
    for r in OPEN_CATEGORIES {
        if let Secondaries::Only(list) = r.secondaries {
            for s in list {
                let category = Category::new(r.primary, *s);
                if !account.categories.contains(&category) {
                    let allowed = check_plugin_category(account, &category);
                    out.push(CategoryOption { category, allowed });
                }
            }
        }
    }
    out
}
