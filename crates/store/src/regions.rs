//! The régions académiques: reference data copied from the domain at every migration.

use crate::connection::DbConnection;
use crate::error::StoreResult;
use crate::schema::regions;
use diesel::prelude::*;
use pilotage_domain::Region;

/// Inserts the régions académiques the table lacks and refreshes the names of those it has.
pub fn sync(conn: &mut DbConnection) -> StoreResult<()> {
    crate::atomically(conn, |conn| {
        for region in Region::ALL {
            let code = region.code.as_str();
            let exists: i64 = regions::table
                .filter(regions::code.eq(code))
                .count()
                .get_result(conn)?;
            if exists == 0 {
                diesel::insert_into(regions::table)
                    .values((
                        regions::code.eq(code),
                        regions::name.eq(region.name),
                        regions::insee_code.eq(region.insee_code),
                        regions::overseas.eq(region.overseas),
                    ))
                    .execute(conn)?;
            } else {
                diesel::update(regions::table.filter(regions::code.eq(code)))
                    .set((
                        regions::name.eq(region.name),
                        regions::insee_code.eq(region.insee_code),
                        regions::overseas.eq(region.overseas),
                    ))
                    .execute(conn)?;
            }
        }
        Ok(())
    })
}

/// The codes of the régions académiques stored.
pub fn codes(conn: &mut DbConnection) -> StoreResult<Vec<String>> {
    Ok(regions::table
        .select(regions::code)
        .order(regions::code)
        .load(conn)?)
}
